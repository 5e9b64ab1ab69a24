import Foundation
import PostgreSQL

/// The engine the API tests run on: SQLite by default; PostgreSQL with `GOODNEWS_TEST_ENGINE=postgresql` and
/// `GOODNEWS_TEST_PG_URL` (what `scripts/pg-test-cluster.sh start` prints). `.ci/run` runs the suite on both.
/// Tests that look at SQLite rows directly are enabled on SQLite only (`TestEngine.isSQLite`).
enum TestEngine: String {
    case sqlite, postgresql

    static let current = TestEngine(rawValue: ProcessInfo.processInfo.environment["GOODNEWS_TEST_ENGINE"] ?? "sqlite")
        ?? .sqlite
    static var isSQLite: Bool { current == .sqlite }
    /// For suites that need PostgreSQL whatever the engine: a test cluster is configured, or CI is set (where
    /// they then fail without one instead of being skipped).
    static let isPostgreSQLConfiguredOrRequired = ProcessInfo.processInfo.environment["GOODNEWS_TEST_PG_URL"] != nil
        || ProcessInfo.processInfo.environment["CI"].map { $0 != "" && $0 != "false" && $0 != "0" } ?? false

    /// A fresh, empty database on the test cluster for one test server; `drop` removes it.
    struct Database {
        let name: String
        let url: String

        static func create() throws -> Database {
            guard let base = ProcessInfo.processInfo.environment["GOODNEWS_TEST_PG_URL"], !base.isEmpty else {
                throw TestEngineError.noServer
            }
            let name = "goodnews_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Connection(url: base)
            defer { admin.close() }
            try admin.execute("CREATE DATABASE \(name)")
            return Database(name: name, url: TestEngine.url(base, database: name))
        }

        func drop() {
            guard let base = ProcessInfo.processInfo.environment["GOODNEWS_TEST_PG_URL"],
                  let admin = try? Connection(url: base) else { return }
            defer { admin.close() }
            try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// `base` with its database name replaced: `postgresql://u@h/db?x` or `postgresql:///db?host=…`.
    static func url(_ base: String, database: String) -> String {
        let scheme = base.hasPrefix("postgresql://") ? "postgresql://" : "postgres://"
        let rest = base.dropFirst(scheme.count)
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let beforeQuery = rest.firstIndex(of: "?").map { rest[..<$0] } ?? rest[...]
        let authority = beforeQuery.firstIndex(of: "/").map { beforeQuery[..<$0] } ?? beforeQuery
        return scheme + authority + "/" + database + query
    }
}

enum TestEngineError: Error, CustomStringConvertible {
    case noServer
    var description: String {
        "GOODNEWS_TEST_ENGINE=postgresql needs GOODNEWS_TEST_PG_URL: start a cluster with scripts/pg-test-cluster.sh"
    }
}
