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
    /// For suites that need the PostgreSQL test server whatever the engine (`goodnews copy`): they run when
    /// GOODNEWS_TEST_PG_URL is set, and in CI (`CI` set), where a missing server fails them instead of
    /// skipping them, as in Tests/PostgreSQLTests/Support.swift.
    static let hasPostgreSQLOrIsCI: Bool = {
        let environment = ProcessInfo.processInfo.environment
        let isCI = environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false
        return !(environment["GOODNEWS_TEST_PG_URL"] ?? "").isEmpty || isCI
    }()

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
