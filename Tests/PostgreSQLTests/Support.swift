#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PostgreSQL
import Threads
import Testing

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The tests' PostgreSQL server: `GOODNEWS_TEST_PG_URL`, as `scripts/pg-test-cluster.sh start`
/// prints it. Without it the suites that need a server are skipped, except in CI (`CI` set),
/// where they run and fail, so CI can never pass without having run them.
enum TestServer {
    static let url = variable("GOODNEWS_TEST_PG_URL")
    static let isCI = variable("CI").map { $0 != "false" && $0 != "0" } ?? false
    /// For `.enabled(if:)` on every suite that needs the server.
    static let isConfiguredOrRequired = url != nil || isCI

    /// A new connection to the test server; each test owns its connections.
    static func connect() throws -> Connection {
        guard let url else {
            throw TestFailure(
                "CI is set but GOODNEWS_TEST_PG_URL is not: start a cluster with "
                    + "scripts/pg-test-cluster.sh and export what it prints (README, Tests)")
        }
        return try Connection(url: url)
    }

    static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Monotonic time, to bound waits and check how long they took (never to sleep).
func elapsed(since start: ContinuousClock.Instant) -> Duration {
    ContinuousClock.now - start
}

extension Connection {
    /// The row count of `table`.
    func count(_ table: String) throws -> Int64 {
        try query("SELECT count(*) FROM \(table)").scalarInt64() ?? -1
    }

    /// Ends another session from this one, waiting until it is gone (PostgreSQL 14+: "If
    /// timeout is specified ... waits until the session is terminated or the timeout").
    func terminate(_ other: Connection) throws {
        let done = try query("SELECT pg_terminate_backend($1, 5000)", [.integer(Int64(other.backendProcessID))])
        guard done.first?.bool(0) == true else { throw TestFailure("pg_terminate_backend failed") }
    }
}

/// Runs `body(i)` on `count` new POSIX threads and waits for all of them.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    // A thread that cannot start is skipped, as before; the others still run and are joined.
    let threads = (0..<count).compactMap { index in try? PosixThread(name: "test-\(index)") { body(index) } }
    for thread in threads { thread.join() }
}
