import Dispatch
import Foundation
@testable import API
@testable import GoodNews
import JSON
import SQLite
import Synchronization
import Testing
import Threads

/// Issue 8: the SSE catch-up read up to 100,000 rows while holding the hub's one lock, so concurrent
/// subscribers queued on it and held pool threads. Now the hub thread reads outside the lock, from one
/// snapshot, and new streams go live at that snapshot.
@Suite struct StreamCatchUpTests {
    /// Where the hub's catch-up read stops until the test lets it go on (a deterministic stand-in for a
    /// slow read): `entered` is signalled each time a read arrives.
    final class Gate: Sendable {
        let entered = DispatchSemaphore(value: 0)
        private let release = DispatchSemaphore(value: 0)
        private let isOpen = Atomic<Bool>(false)

        func pass() {
            guard !isOpen.load(ordering: .acquiring) else { return }
            entered.signal()
            _ = release.wait(timeout: .now() + 20)
        }

        func open() {
            isOpen.store(true, ordering: .releasing)
            release.signal()
        }
    }

    /// `cases` cases with `perCase` actions each, written in one statement.
    static func fill(_ database: FixtureDatabase, cases: Int, perCase: Int) throws {
        for n in 1...cases { try CaseFixtures.insertCase(database, slug: "case-\(n)") }
        try database.execute("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < \(cases * perCase))
            INSERT INTO actions (case_id, kind, count, created_at) SELECT 1 + i % \(cases), 'letter', 1, 1600000000 FROM n
            """)
    }

    /// Runs `body` on another thread; nil when it has not returned within `seconds` (it was blocked).
    static func within<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () -> T) -> T? {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else { return nil }
        return result.withLock { $0 }
    }

    @Test func subscribersDoNotQueueBehindACatchUpRead() throws {
        let gate = Gate()
        let server = try TestServer(prepare: { try Self.fill($0, cases: 40, perCase: 500) },
                                    onCatchUpRead: { gate.pass() })
        defer { gate.open(); server.stop() }
        let first = try SSEClient(port: server.port, target: "/v1/stream/tallies", headers: [("Last-Event-ID", "0")])
        #expect(first.status == 200)
        #expect(gate.entered.wait(timeout: .now() + 5) == .success, "the hub never started the catch-up read")

        // The read is under way and stopped: every other subscriber is still answered, and the hub's lock is free.
        var others: [SSEClient] = []
        for _ in 0..<10 {
            let client = try SSEClient(port: server.port, target: "/v1/stream/tallies", headers: [("Last-Event-ID", "0")])
            #expect(client.status == 200)
            others.append(client)
        }
        let hub = server.app.context.tallyHub
        #expect(Self.within(seconds: 5) { hub.subscriberCount } == 11, "the hub's lock is held during the read")

        gate.open()
        for client in [first] + others {
            var cases = Set<String>()
            var lastID: String?
            while cases.count < 40 {
                let event = try client.next()
                cases.insert(try JSONValue.parse(Array(event.data.utf8))["case"]?.stringValue ?? "")
                lastID = event.id ?? lastID
            }
            #expect(lastID == "20000")
        }
    }

    /// An action committed after a newcomer's catch-up snapshot (here, during the read) reaches it live:
    /// nothing falls between the catch-up and the live events.
    @Test(.enabled(if: TestEngine.isSQLite)) func anActionDuringTheCatchUpArrivesLive() throws {
        let once = Atomic<Bool>(false)
        let late = Locked<(@Sendable () -> Void)?>(nil)
        let server = try TestServer(prepare: { try Self.fill($0, cases: 3, perCase: 2) }, onCatchUpRead: {
            if !once.exchange(true, ordering: .acquiringAndReleasing) { late.withLock { $0 }?() }
        })
        defer { server.stop() }
        let database = server.database, hub = server.app.context.tallyHub
        // The hook holds `late`, which holds the hub: break the cycle, or the server's objects leak.
        defer { late.withLock { $0 = nil } }
        late.withLock { $0 = {
            _ = try? database.write { connection in
                try connection.execute("INSERT INTO actions (case_id, kind, count, created_at) VALUES (2, 'call', 5, 1600000001)")
            }
            hub.tallyChanged()
        } }
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies", headers: [("Last-Event-ID", "0")])
        var totals: [String: Int64] = [:]
        while totals["case-2"] != 7 {
            let data = try JSONValue.parse(Array(try stream.next().data.utf8))
            totals[data["case"]?.stringValue ?? ""] = data["total"]?.int64Value
        }
        #expect(totals == ["case-1": 2, "case-2": 7, "case-3": 2])
    }

    /// Many actions recorded while streams come and go: every stream ends with every case's final total.
    @Test func streamsThatJoinDuringWritesConverge() throws {
        let server = try TestServer { database in try Self.fill(database, cases: 5, perCase: 1) }
        defer { server.stop() }
        let token = try server.makeToken()
        let writing = DispatchSemaphore(value: 0)
        let port = server.port
        DispatchQueue.global().async {
            if let client = try? TestClient(port: port) {
                for n in 0..<150 {
                    _ = try? client.send("POST", "/v1/cases/case-\(1 + n % 5)/actions",
                                         headers: [("Content-Type", "application/json")],
                                         body: Array(#"{"kind":"letter"}"#.utf8), token: token)
                }
            }
            writing.signal()
        }
        // Joining while the writes go on, half of them without a Last-Event-ID.
        let streams = try (0..<6).map { n in
            try SSEClient(port: port, target: "/v1/stream/tallies", headers: n % 2 == 0 ? [("Last-Event-ID", "0")] : [])
        }
        #expect(writing.wait(timeout: .now() + 30) == .success)
        // One more action per case, after every stream joined: each must hear every case's final total.
        for n in 1...5 {
            #expect(try server.send("POST", "/v1/cases/case-\(n)/actions", json: #"{"kind":"call"}"#).status == 201)
        }
        let final: [(String, Int64)] = try (1...5).map { n in
            ("case-\(n)", try server.scalar(
                "SELECT t.total FROM cases c JOIN case_tallies t ON t.case_id = c.id WHERE c.slug = 'case-\(n)'"))
        }
        let expected = Dictionary(uniqueKeysWithValues: final)
        #expect(expected.values.reduce(0, +) == 160)
        for (index, stream) in streams.enumerated() {
            var seen: [String: Int64] = [:]
            while seen != expected {
                let data = try JSONValue.parse(Array(try stream.next().data.utf8))
                seen[data["case"]?.stringValue ?? ""] = data["total"]?.int64Value
            }
            #expect(seen == expected, "stream \(index)")
        }
    }

    @Test func streamsBeyondTheBoundGet503WithRetryAfter() throws {
        var configuration = TestServer.defaultConfiguration()
        configuration.maxStreams = 2
        let server = try TestServer(configuration: configuration)
        defer { server.stop() }
        var open: [SSEClient?] = [try SSEClient(port: server.port, target: "/v1/stream/tallies"),
                                  try SSEClient(port: server.port, target: "/v1/stream/tallies")]
        #expect(open.allSatisfy { $0?.status == 200 })
        let refused = try server.get("/v1/stream/tallies")
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "10")
        open[0] = nil  // one leaves: its place is free again once the server notices
        var status = 0
        for _ in 0..<300 where status != 200 {
            let retry = try SSEClient(port: server.port, target: "/v1/stream/tallies")
            status = retry.status
            if status != 200 { usleep(10_000) } else { open.append(retry) }
        }
        #expect(status == 200)
    }
}
