import GoodNews
import PostgreSQL
import SQLite

/// Cases and actions put straight into the database, for tests that do not go through the content API.
/// Written once for both engines: the SQL uses `?` parameters and runs on the test server's engine.
enum CaseFixtures {
    @discardableResult
    static func insertCase(_ target: some FixtureSQL, slug: String, status: String = "active", country: String = "CU",
                           campaign: String? = nil, goal: Int64? = nil) throws -> Int64 {
        try target.insert("""
            INSERT INTO cases (slug, name, country, status, campaign, action_goal, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 1600000000, 1600000000)
            """, [.text(slug), .text("Case \(slug)"), .text(country), .text(status),
                  campaign.map { .text($0) } ?? .null, goal.map { .integer($0) } ?? .null])
    }

    /// An action at a chosen time (the API always records "now").
    static func insertAction(_ target: some FixtureSQL, caseID: Int64, kind: String = "letter", count: Int64 = 1,
                             country: String? = nil, at createdAt: Int64) throws {
        try target.insert(
            "INSERT INTO actions (case_id, kind, count, country, created_at) VALUES (?, ?, ?, ?, ?)",
            [.integer(caseID), .text(kind), .integer(count), country.map { .text($0) } ?? .null, .integer(createdAt)])
    }

    static func setStatus(_ target: some FixtureSQL, slug: String, _ status: String) throws {
        try target.execute("UPDATE cases SET status = ? WHERE slug = ?", [.text(status), .text(slug)])
    }

    static func scalar(_ target: some FixtureSQL, _ sql: String) throws -> Int64 {
        try target.scalar(sql)
    }
}

/// Raw SQL on a test server's engine, written once with `?` parameters: a test server, or (before its app
/// starts, in `TestServer(prepare:)`) its `FixtureDatabase`.
protocol FixtureSQL {
    var fixtures: FixtureDatabase { get }
}

extension FixtureSQL {
    @discardableResult
    func insert(_ sql: String, _ values: [SQLite.Value]) throws -> Int64 { try fixtures.insert(sql, values) }
    func execute(_ sql: String, _ values: [SQLite.Value] = []) throws { try fixtures.execute(sql, values) }
    func scalar(_ sql: String) throws -> Int64 { try fixtures.scalar(sql) }
}

/// A test server's database before and after its app starts: its storage, and raw SQL on either engine.
struct FixtureDatabase: FixtureSQL {
    let storage: any Storage
    let sqlite: Database?
    let postgreSQLURL: String?

    var fixtures: FixtureDatabase { self }

    /// The SQLite database, for fixtures that write SQLite rows directly (their tests run on SQLite only).
    func write<T: Sendable>(_ body: @Sendable (SQLite.Connection) throws -> T) throws -> T {
        guard let sqlite else { fatalError("an SQLite-only fixture ran on PostgreSQL") }
        return try sqlite.write(body)
    }

    @discardableResult
    func insert(_ sql: String, _ values: [SQLite.Value]) throws -> Int64 {
        if let postgreSQLURL {
            let connection = try PostgreSQL.Connection(url: postgreSQLURL)
            defer { connection.close() }
            return try connection.query(FixtureDatabase.numbered(sql) + " RETURNING id", values.map(FixtureDatabase.pg))
                .scalarInt64() ?? 0
        }
        return try write { connection in
            try connection.execute(sql, values)
            return connection.lastInsertRowID
        }
    }

    func execute(_ sql: String, _ values: [SQLite.Value] = []) throws {
        if let postgreSQLURL {
            let connection = try PostgreSQL.Connection(url: postgreSQLURL)
            defer { connection.close() }
            try connection.execute(FixtureDatabase.numbered(sql), values.map(FixtureDatabase.pg))
            return
        }
        try write { try $0.execute(sql, values) }
    }

    func scalar(_ sql: String) throws -> Int64 {
        if let postgreSQLURL {
            let connection = try PostgreSQL.Connection(url: postgreSQLURL)
            defer { connection.close() }
            return try connection.query(FixtureDatabase.numbered(sql)).scalarInt64() ?? 0
        }
        guard let sqlite else { return 0 }
        return try sqlite.read { try $0.prepare(sql).scalarInt64() ?? 0 }
    }

    /// `?` placeholders as PostgreSQL's `$1`, `$2`… (fixture SQL has no `?` inside quotes).
    static func numbered(_ sql: String) -> String {
        var out = ""
        var n = 0
        for character in sql {
            if character == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func pg(_ value: SQLite.Value) -> PostgreSQL.Value {
        switch value {
        case .null: .null
        case .integer(let v): .integer(v)
        case .real(let v): .real(v)
        case .text(let v): .text(v)
        case .blob(let v): .blob(v)
        }
    }
}
