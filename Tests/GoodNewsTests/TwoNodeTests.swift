import Foundation
@testable import API
@testable import GoodNews
import JSON
import Testing
import Threads

/// Two goodnews nodes (two real servers, each with its own pool, cache and tally hub) on one PostgreSQL
/// database: what one writes the other serves, its live streams hear the other's actions, counts stay exact.
/// Runs whenever a test cluster is configured (and always in CI), whatever `GOODNEWS_TEST_ENGINE` says.
@Suite(.enabled(if: TestEngine.isPostgreSQLConfiguredOrRequired), .serialized)
struct TwoNodeTests {
    /// Two nodes on a fresh database; `body` gets them, the database is dropped afterwards.
    private func withTwoNodes(_ body: (TestServer, TestServer) throws -> Void) throws {
        let database = try TestEngine.Database.create()
        defer { database.drop() }
        let a = try TestServer(node: database)
        defer { a.stop() }
        let b = try TestServer(node: database)
        defer { b.stop() }
        try body(a, b)
    }

    /// Polls `check` until it holds or `seconds` pass; returns how long it took (nil: never).
    private func within(seconds: Double, _ check: () throws -> Bool) rethrows -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try check() { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    @Test func aPostWrittenOnOneNodeIsServedByTheOther() throws {
        try withTwoNodes { a, b in
            let token = try a.makeToken()
            // B has the list and the post's 404 cached before A writes.
            #expect(try b.getJSON("/v1/posts").slugs == [])
            #expect(try b.get("/v1/posts/harbour-news").status == 404)
            let created = try a.send("POST", "/v1/posts", json: #"{"title": "Harbour news", "status": "published"}"#,
                                     token: token)
            #expect(created.status == 201)
            let took = try within(seconds: 1) {
                try b.get("/v1/posts/harbour-news").status == 200 && b.getJSON("/v1/posts").slugs == ["harbour-news"]
            }
            #expect(took != nil, "node B never served the post written on node A")
            #expect((took ?? 1) < 0.25, "node B served a stale answer for \(took ?? 1) s")
            let patched = try a.send("PATCH", "/v1/posts/harbour-news", json: #"{"title": "Harbour news, updated"}"#,
                                     token: token)
            #expect(patched.status == 200)
            #expect(try within(seconds: 1) { try b.getJSON("/v1/posts/harbour-news")["title"] == "Harbour news, updated" } != nil)
        }
    }

    @Test func anActionOnOneNodeReachesALiveStreamOnTheOtherWithinASecond() throws {
        try withTwoNodes { a, b in
            try CaseFixtures.insertCase(a, slug: "a-case")
            let stream = try SSEClient(port: b.port, target: "/v1/stream/tallies")
            #expect(stream.status == 200)
            let sent = Date()
            #expect(try a.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
            let received = try stream.next()
            #expect(Date().timeIntervalSince(sent) < 1)
            #expect(try JSONValue.parse(Array(received.data.utf8)) == ["case": "a-case", "total": 1, "by_kind": ["letter": 1]])
            // And B's cached tally answer is dropped too.
            #expect(try b.getJSON("/v1/cases/a-case/tally")["total"] == 1)
        }
    }

    @Test func actionsSpreadOverBothNodesAddUpExactly() throws {
        try withTwoNodes { a, b in
            try CaseFixtures.insertCase(a, slug: "popular")
            let nodes = [a, b]
            let failures = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                let node = nodes[thread % 2]
                do {
                    let client = try TestClient(port: node.port)
                    for _ in 0..<250 {
                        let response = try client.send("POST", "/v1/cases/popular/actions",
                                                       headers: [("Content-Type", "application/json")],
                                                       body: Array(#"{"kind":"email"}"#.utf8))
                        if response.status != 201 { failures.withLock { $0.append("\(response.status) \(response.text)") } }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(try a.scalar("SELECT count(*) FROM actions") == 2000)
            #expect(try a.scalar("SELECT total FROM case_tallies") == 2000)
            for node in nodes {
                #expect(try within(seconds: 1) { try node.getJSON("/v1/cases/popular/tally")["total"] == 2000 } != nil)
            }
        }
    }

    @Test func oneIdempotencyKeySentToBothNodesAtOnceCountsOnce() throws {
        try withTwoNodes { a, b in
            try CaseFixtures.insertCase(a, slug: "a-case")
            let nodes = [a, b]
            for round in 0..<5 {
                let answers = Locked<[TestResponse]>([])
                DispatchQueue.concurrentPerform(iterations: 4) { thread in
                    guard let response = try? nodes[thread % 2].send(
                        "POST", "/v1/cases/a-case/actions", json: #"{"kind":"call"}"#,
                        headers: [("Idempotency-Key", "round-\(round)")]) else { return }
                    answers.withLock { $0.append(response) }
                }
                let all = answers.withLock { $0 }
                #expect(all.count == 4)
                #expect(all.allSatisfy { $0.status == 201 })
                #expect(Set(all.map(\.body)).count == 1, "every node answers the first answer byte for byte")
            }
            #expect(try a.scalar("SELECT count(*) FROM actions") == 5)
        }
    }

    @Test func nodesStartingTogetherMigrateOnceAndServe() throws {
        let database = try TestEngine.Database.create()
        defer { database.drop() }
        let started = Locked<[TestServer]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            do {
                let node = try TestServer(node: database)
                started.withLock { $0.append(node) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        let nodes = started.withLock { $0 }
        defer { for node in nodes { node.stop() } }
        #expect(failures.withLock { $0 } == [])
        #expect(nodes.count == 3)
        #expect(try nodes.first?.scalar("SELECT count(*) FROM schema_migrations") == 1)
        for node in nodes { #expect(try node.get("/readyz").status == 200) }
    }
}
