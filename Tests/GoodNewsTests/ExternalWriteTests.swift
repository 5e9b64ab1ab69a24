import Foundation
@testable import API
import GoodNews
import JSON
import SQLite
@testable import SQLiteStore
import Testing

/// Writes made by another process while the server runs (`goodnews import`) reach every answer.
@Suite(.enabled(if: TestEngine.isSQLite)) struct ExternalWriteTests {
    /// Runs `goodnews import` on the server's database in a separate process: the binary built next to
    /// this test bundle, or, when it was not built, another `Database` on the file in this process (still
    /// another connection to SQLite, which is what the server watches for).
    private func importElsewhere(_ server: TestServer, _ document: [UInt8]) throws {
        let file = server.directory + "/import.json"
        try Data(document).write(to: URL(fileURLWithPath: file))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("goodnews").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            let other = try Database(path: server.databasePath, readers: 1)
            defer { other.close() }
            _ = try Importer(storage: SQLiteStorage(database: other)).importFile(atPath: file)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["import", "--db", server.databasePath, "--assets", TestServer.repositoryRoot, file]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// `read()` every 10 ms until `done` holds of it or `seconds` pass; the last value read. (Another
    /// process's commit is noticed by the writer's own check interval: there is no event to wait on.)
    private func poll<T>(for seconds: Double, _ read: () throws -> T, until done: (T) -> Bool) rethrows -> T {
        let start = Date()
        var value = try read()
        while !done(value), Date().timeIntervalSince(start) < seconds {
            usleep(10_000)
            value = try read()
        }
        return value
    }

    private func slugs(_ response: TestResponse) throws -> [String] {
        try response.json()["data"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } ?? []
    }

    @Test func aPostImportedByAnotherProcessReplacesTheCachedList() throws {
        let server = try TestServer()
        defer { server.stop() }
        try ImportFixtures.load(server.database, posts: [ImportFixtures.post("first", title: "First")])
        #expect(try slugs(server.get("/v1/posts")) == ["first"])
        #expect(try slugs(server.get("/v1/posts")) == ["first"])  // from the cache

        try importElsewhere(server, ImportFixtures.document(posts: [
            ImportFixtures.post("second", title: "Second", publishedAt: "2021-01-01T00:00:00Z"),
        ]))
        let imported = Date()
        let seen = try poll(for: 5) { try slugs(server.get("/v1/posts")) } until: { $0.contains("second") }
        #expect(seen == ["second", "first"])
        #expect(Date().timeIntervalSince(imported) < 2, "noticed within about one check interval (500 ms)")
    }

    /// Another process's commit drops the in-memory search index (FTS5 answers meanwhile) and rebuilds it.
    @Test func aPostImportedByAnotherProcessIsFoundAndTheSearchIndexRebuilt() throws {
        let server = try TestServer()
        defer { server.stop() }
        try ImportFixtures.load(server.database, posts: [ImportFixtures.post("first", title: "First lighthouse")])
        #expect(try slugs(server.get("/v1/search?q=lighthouse&type=post")) == ["first"])

        try importElsewhere(server, ImportFixtures.document(posts: [
            ImportFixtures.post("second", title: "Second lighthouse", publishedAt: "2021-01-01T00:00:00Z"),
        ]))
        let seen = try poll(for: 5) { try slugs(server.get("/v1/search?q=lighthouse&type=post")) } until: { $0.count == 2 }
        #expect(Set(seen) == ["first", "second"])
        let index = try #require(server.sqliteStorage.searchIndex)
        let query = try SearchQuery("lighthouse")
        let ranked = poll(for: 10) { index.search(query, now: server.clock.wallClock.seconds, limit: 20) } until: { $0 != nil }
        #expect(ranked?.hits.count == 2, "the rebuilt index holds the imported post")
    }

    @Test func actionsImportedByAnotherProcessReachLiveStreams() throws {
        let server = try TestServer()
        defer { server.stop() }
        _ = try CaseFixtures.insertCase(server, slug: "a-case")
        #expect(try server.get("/v1/cases/a-case").json()["tally"]?["total"] == 0)
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies")
        #expect(stream.status == 200)

        try importElsewhere(server, ImportFixtures.document(actions: [["case": "a-case", "kind": "letter", "count": 5]]))
        let event = try stream.next()
        #expect(event.name == "tally")
        #expect(try JSONValue.parse(Array(event.data.utf8))["total"] == 5)
        #expect(try server.get("/v1/cases/a-case").json()["tally"]?["total"] == 5)
    }
}
