import SQLite

/// The SQL of actions and tallies. Every function runs on the connection it is given: the writer's
/// (inside `Database.write`, so a lookup, its checks and the insert are one transaction) or a reader's.
/// Query shapes and their plans: migrations/README.md, "Actions and tallies".
enum ActionStore {
    static func findCase(_ reference: ActionTarget.Reference, on connection: Connection) throws -> ActionTarget? {
        let statement: Statement
        switch reference {
        case .id(let id):
            statement = try connection.cachedStatement(
                "SELECT id, slug, status, campaign, action_goal FROM cases WHERE id = ?")
            try statement.bind(id, at: 1)
        case .slug(let slug):
            statement = try connection.cachedStatement(
                "SELECT id, slug, status, campaign, action_goal FROM cases WHERE slug = ?")
            try statement.bind(slug, at: 1)
        }
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return ActionTarget(id: statement.int64(0), slug: statement.string(1),
                            status: ActionTarget.Status(rawValue: statement.string(2)),
                            campaign: statement.optionalString(3), actionGoal: statement.optionalInt64(4))
    }

    /// Inserts one action (the triggers add it to the tallies) and returns its id.
    static func insert(_ input: ActionInput, caseID: Int64, at createdAt: Int64, on connection: Connection) throws -> Int64 {
        let insert = try connection.cachedStatement(
            "INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        try insert.bind(caseID, at: 1)
        try insert.bind(input.kind.rawValue, at: 2)
        try insert.bind(input.count, at: 3)
        try insert.bind(input.country, at: 4)
        try insert.bind(input.source, at: 5)
        try insert.bind(createdAt, at: 6)
        try insert.execute()
        return connection.lastInsertRowID
    }

    /// The case's tallies from the tally tables (three primary-key lookups).
    static func tally(caseID: Int64, on connection: Connection) throws -> CaseTally {
        var tally = CaseTally()
        let totals = try connection.cachedStatement("SELECT total, updated_at FROM case_tallies WHERE case_id = ?")
        try totals.bind(caseID, at: 1)
        if try totals.step() {
            tally.total = totals.int64(0)
            tally.updatedAt = totals.optionalInt64(1)
        }
        totals.reset()
        let kinds = try connection.cachedStatement("SELECT kind, total FROM case_tallies_by_kind WHERE case_id = ?")
        try kinds.bind(caseID, at: 1)
        tally.byKind = try kinds.rows { (kind: $0.string(0), total: $0.int64(1)) }
        let countries = try connection.cachedStatement(
            "SELECT country, total FROM case_tallies_by_country WHERE case_id = ? AND country <> ''")
        try countries.bind(caseID, at: 1)
        tally.byCountry = try countries.rows { (country: $0.string(0), total: $0.int64(1)) }
        return tally
    }
}
