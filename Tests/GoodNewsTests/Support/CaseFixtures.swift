import SQLite

/// Cases and actions put straight into the database, for tests that do not go through the content API.
enum CaseFixtures {
    @discardableResult
    static func insertCase(_ database: Database, slug: String, status: String = "active", country: String = "CU",
                           campaign: String? = nil, goal: Int64? = nil) throws -> Int64 {
        try database.write { connection in
            try connection.execute("""
                INSERT INTO cases (slug, name, country, status, campaign, action_goal, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 1600000000, 1600000000)
                """, [.text(slug), .text("Case \(slug)"), .text(country), .text(status),
                      campaign.map { .text($0) } ?? .null, goal.map { .integer($0) } ?? .null])
            return connection.lastInsertRowID
        }
    }

    /// An action at a chosen time (the API always records "now").
    static func insertAction(_ database: Database, caseID: Int64, kind: String = "letter", count: Int64 = 1,
                             country: String? = nil, at createdAt: Int64) throws {
        try database.write { connection in
            try connection.execute(
                "INSERT INTO actions (case_id, kind, count, country, created_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(caseID), .text(kind), .integer(count), country.map { .text($0) } ?? .null,
                 .integer(createdAt)])
        }
    }

    static func setStatus(_ database: Database, slug: String, _ status: String) throws {
        try database.write { connection in
            try connection.execute("UPDATE cases SET status = ? WHERE slug = ?", [.text(status), .text(slug)])
        }
    }

    static func scalar(_ database: Database, _ sql: String) throws -> Int64 {
        try database.read { try $0.prepare(sql).scalarInt64() ?? 0 }
    }
}
