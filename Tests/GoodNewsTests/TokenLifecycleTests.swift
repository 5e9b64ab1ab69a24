import GoodNews
import JSON
import SQLite
import Testing

@Suite struct TokenLifecycleTests {
    @Test func createUseListRevoke() throws {
        let server = try TestServer()
        defer { server.stop() }
        let tokens = TokenService(database: server.database)
        let token = try tokens.create(name: "web-team")
        #expect(token.hasPrefix("gn_") && token.count > 40)

        // Works on a write, and the use is recorded.
        let created = try server.send("POST", "/v1/cases", body: ["name": "Magai Matiop Ngong", "country": "SS"],
                                      token: token)
        #expect(created.status == 201)
        let listed = try #require(try tokens.list().first { $0.name == "web-team" })
        #expect(listed.lastUsedAt != nil && listed.revokedAt == nil)

        // Only the SHA-256 is stored: the token text is nowhere in the database.
        let storedTexts = try server.database.read { connection in
            try connection.prepare("SELECT token_hash FROM api_tokens").rows { $0.string(0) }
        }
        #expect(storedTexts.count == 1 && storedTexts[0].count == 64 && !storedTexts.contains(token))

        // A live name cannot be taken twice.
        #expect(throws: ServiceError.self) { try tokens.create(name: "web-team") }

        try tokens.revoke(name: "web-team")
        let refused = try server.send("PATCH", "/v1/cases/magai-matiop-ngong", body: ["status": "resolved"],
                                      token: token)
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(try tokens.list().first?.revokedAt != nil)
        #expect(throws: ServiceError.self) { try tokens.revoke(name: "web-team") }

        // After a revoke the name can be used again, with a new secret.
        let again = try tokens.create(name: "web-team")
        #expect(again != token)
        #expect(try server.send("PATCH", "/v1/cases/magai-matiop-ngong", body: ["status": "resolved"],
                                token: again).status == 200)
    }

    @Test func malformedAuthorizationIsRefusedNotIgnored() throws {
        let server = try TestServer()
        defer { server.stop() }
        for header in ["Basic abc", "Bearer", "Bearer    ", "gn_abc"] {
            let response = try server.request("POST", "/v1/cases", headers: [
                ("Authorization", header), ("Content-Type", "application/json"),
            ], body: #"{"name":"X","country":"CU"}"#)
            #expect(response.status == 401, "\(header)")
        }
    }
}
