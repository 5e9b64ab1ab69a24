import Foundation
@testable import API
import GoodNews
import JSON
import Synchronization
import Testing
import Threads

@Suite struct ActionIdempotencyTests {
    @Test func theSameKeyAgainReturnsTheFirstAnswerAndCountsNothing() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let key = [("Idempotency-Key", "k-1")]
        let first = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: key)
        #expect(first.status == 201)
        #expect(first.header("Idempotent-Replayed") == nil)
        // The same request in another spelling: by id, with the default count written out.
        let again = try server.send("POST", "/v1/cases/1/actions", json: #"{"count": 1, "kind":"letter"}"#, headers: key)
        #expect(again.status == 201)
        #expect(again.body == first.body)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(try CaseFixtures.scalar(server, "SELECT total FROM case_tallies") == 1)

        // Resolving the case afterwards does not change the remembered answer.
        try CaseFixtures.setStatus(server, slug: "a-case", "resolved")
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: key).body == first.body)
    }

    @Test func theSameKeyForAnotherRequestIs422() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        try CaseFixtures.insertCase(server, slug: "b-case")
        let key = [("Idempotency-Key", "k-2")]
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: key).status == 201)
        let otherBody = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"email"}"#, headers: key)
        #expect(otherBody.status == 422)
        #expect(try otherBody.json()["errors"]?.arrayValue?.first?["field"]?.stringValue == "Idempotency-Key")
        #expect(try server.send("POST", "/v1/cases/b-case/actions", json: #"{"kind":"letter"}"#, headers: key).status == 422)
        let withToken = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                        token: try server.makeToken(), headers: key)
        #expect(withToken.status == 422)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 1)
    }

    @Test func refusedRequestsDoNotUseUpTheKey() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case", status: "resolved")
        let key = [("Idempotency-Key", "k-3")]
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: key).status == 409)
        try CaseFixtures.setStatus(server, slug: "a-case", "active")
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: key).status == 201)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func keysExpireAfter24HoursAndArePruned() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let dayAndABitAgo = Timestamp.now().seconds - 86_400 - 60
        try server.database.write { connection in
            for key in ["old-1", "old-2"] {
                try connection.execute("""
                    INSERT INTO idempotency_keys (key, request_hash, status, response, created_at)
                    VALUES (?, ?, 201, x'7b7d', ?)
                    """, [.text(key), .text(String(repeating: "0", count: 64)), .integer(dayAndABitAgo)])
            }
        }
        // An expired key is a new request: counted, and its row now holds the new answer.
        let reused = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                     headers: [("Idempotency-Key", "old-1")])
        #expect(reused.status == 201 && reused.header("Idempotent-Replayed") == nil)
        #expect(try CaseFixtures.scalar(server, "SELECT total FROM case_tallies") == 1)
        // The first recorded action also pruned the other expired key.
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM idempotency_keys WHERE key = 'old-2'") == 0)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM idempotency_keys") == 1)
    }

    @Test(arguments: ["", String(repeating: "k", count: 201)])
    func badKeysAre400(key: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let response = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                       headers: [("Idempotency-Key", key)])
        #expect(response.status == 400)
    }

    @Test func theSameKeyFromTwoThreadsAtOnceCountsOnceWithIdenticalAnswers() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let rounds = 20
        for round in 0..<rounds {
            let bodies = Locked<[[UInt8]]>([])
            let statuses = Locked<[Int]>([])
            // Both connections are open before either thread sends.
            let ready = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                let client = try? TestClient(port: server.port)
                ready.add(1, ordering: .acquiringAndReleasing)
                while ready.load(ordering: .acquiring) < 2 {}
                let response = try? client?.send(
                    "POST", "/v1/cases/a-case/actions",
                    headers: [("Content-Type", "application/json"), ("Idempotency-Key", "same-\(round)")],
                    body: Array(#"{"kind":"petition"}"#.utf8))
                bodies.withLock { $0.append(response?.body ?? []) }
                statuses.withLock { $0.append(response?.status ?? 0) }
            }
            #expect(statuses.withLock { $0 } == [201, 201])
            let pair = bodies.withLock { $0 }
            #expect(pair.count == 2 && pair[0] == pair[1] && !pair[0].isEmpty)
        }
        #expect(try CaseFixtures.scalar(server, "SELECT total FROM case_tallies") == Int64(rounds))
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM idempotency_keys") == Int64(rounds))
    }

    @Test func concurrentPublicActionsAreCountedExactly() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let created = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            guard let client = try? TestClient(port: server.port) else { return }
            for index in 0..<250 {
                let response = try? client.send(
                    "POST", "/v1/cases/a-case/actions",
                    headers: [("Content-Type", "application/json"), ("Idempotency-Key", "t\(thread)-\(index)")],
                    body: Array(#"{"kind":"letter"}"#.utf8))
                if response?.status == 201 { created.add(1, ordering: .relaxed) }
            }
        }
        #expect(created.load(ordering: .relaxed) == 2_000)
        let tally = try server.get("/v1/cases/a-case/tally").json()
        #expect(tally["total"]?.int64Value == 2_000)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 2_000)
    }
}
