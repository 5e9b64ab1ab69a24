@testable import API
@testable import GoodNews
import JSON
import SQLite
import Testing
import Threads

@Suite struct TokenLifecycleTests {
    @Test(.enabled(if: TestEngine.isSQLite)) func createUseListRevoke() throws {
        let server = try TestServer()
        defer { server.stop() }
        let tokens = TokenService(storage: server.storage)
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
        // A revoke in another process takes effect within `tokenCacheSeconds`; here, at once.
        server.app.context.authenticator.cache.invalidate()
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

    /// Every admin route checks the token before it reads the body: a bad token with a body that is not even
    /// JSON is a 401, never a 400 (the body is never parsed for it).
    @Test func theTokenIsCheckedBeforeTheBody() throws {
        let server = try TestServer()
        defer { server.stop() }
        let routes = [("POST", "/v1/posts"), ("PATCH", "/v1/posts/1"), ("POST", "/v1/cases"), ("PATCH", "/v1/cases/1"),
                      ("POST", "/v1/cases/1/actions")]
        for (method, path) in routes {
            let response = try server.request(method, path, headers: [
                ("Authorization", "Bearer gn_not-a-real-token"), ("Content-Type", "application/json"),
            ], body: "{ this is not json")
            #expect(response.status == 401, "\(method) \(path): \(response.text)")
        }
    }

    /// A token found valid is trusted from memory for `maxAge`, then checked again: a revoke by another
    /// process takes effect within that time.
    @Test func theTokenCacheForgetsAfterItsAge() throws {
        let server = try TestServer()
        defer { server.stop() }
        let service = TokenService(storage: server.storage)
        let token = try service.create(name: "cached")
        let now = Locked<Double>(100)
        let cache = TokenCache(tokens: service, maxAge: 1, clock: { now.withLock { $0 } })
        #expect(cache.knownName(token) == nil)
        #expect(try cache.authenticate(token) == "cached")
        #expect(cache.knownName(token) == "cached")
        try service.revoke(name: "cached")
        now.withLock { $0 += 0.9 }
        #expect(try cache.authenticate(token) == "cached")  // trusted from memory for the second
        now.withLock { $0 += 0.1 }
        #expect(cache.knownName(token) == nil)
        #expect(try cache.authenticate(token) == nil)
        #expect(try cache.authenticate("gn_guess") == nil)
        #expect(cache.knownName("gn_guess") == nil)  // bad tokens are never remembered
    }
}
