import Dispatch
import Glibc
import JSON
import SQLite
import Testing

/// Issue 8: storage failures mapped unevenly (503 on one route, 500 on another), because the mapping was
/// opt-in per call and admin token checks ran outside it. Now one mapper (installed on the router) turns
/// every SQLite busy/locked/ioerr/full/cantopen/readonly error into 503 + `Retry-After: 1`, on every route.
/// The failures here are real: the database's write-ahead log lost under a running server (every reader
/// then fails with SQLITE_IOERR_SHORT_READ), and a writer connection that became read-only (SQLITE_READONLY).
@Suite struct StorageFailureTests {
    private static func expectUnavailable(_ response: TestResponse, _ what: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 503, "\(what): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Retry-After") == "1", "\(what)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/problem+json", "\(what)", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func failedReadsAre503OnPublicAndAdminRoutesAlike() throws {
        let server = try TestServer { database in try CaseFixtures.insertCase(database, slug: "a-case") }
        defer { server.stop() }
        let token = try server.makeToken()
        // Every reader opens a read transaction once (all four at the same time, so each is used), which
        // makes it take the log's frames as current; then the log is lost. The table pages they need next
        // are frames of it, and reading them fails.
        let borrowed = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let readers = server.database.readerCount, done = DispatchGroup(), database = server.database
        for _ in 0..<readers {
            DispatchQueue.global().async(group: done) {
                _ = try? database.read { connection in
                    _ = try connection.prepare("SELECT count(*) FROM sqlite_schema").scalarInt64()
                    borrowed.signal()
                    _ = release.wait(timeout: .now() + 10)
                }
            }
        }
        for _ in 0..<readers { _ = borrowed.wait(timeout: .now() + 10) }
        for _ in 0..<readers { release.signal() }
        _ = done.wait(timeout: .now() + 10)
        #expect(truncate(server.databasePath + "-wal", 0) == 0)

        Self.expectUnavailable(try server.get("/v1/cases"), "public list")
        Self.expectUnavailable(try server.get("/v1/cases/a-case/tally"), "public tally")
        Self.expectUnavailable(try server.get("/v1/stream/tallies"), "public stream")
        Self.expectUnavailable(try server.get("/v1/posts?status=draft", token: token), "admin list (token check)")
        Self.expectUnavailable(try server.get("/v1/posts/1", token: token), "admin item")
        Self.expectUnavailable(try server.get("/metrics", token: token), "metrics")
        Self.expectUnavailable(try server.send("POST", "/v1/posts", json: #"{"title":"t"}"#, token: token),
                               "admin write (token check)")
        #expect(try server.get("/healthz").status == 200)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func failedWritesAre503OnPublicAndAdminRoutesAlike() throws {
        let server = try TestServer { database in try CaseFixtures.insertCase(database, slug: "a-case") }
        defer { server.stop() }
        let token = try server.makeToken()
        #expect(try server.get("/v1/cases", token: token).status == 200)  // the token is checked and known
        try server.database.exclusive { try $0.execute("PRAGMA query_only = ON") }

        Self.expectUnavailable(try server.send("POST", "/v1/cases", json: #"{"name":"n","country":"CU"}"#,
                                               token: token), "admin create")
        Self.expectUnavailable(try server.send("PATCH", "/v1/cases/a-case", json: #"{"name":"m"}"#, token: token),
                               "admin update")
        Self.expectUnavailable(try server.request("DELETE", "/v1/cases/a-case", token: token), "admin delete")
        Self.expectUnavailable(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#),
                               "public action")
        #expect(try server.get("/v1/cases/a-case").status == 200)  // reads still work
    }
}
