import GoodNews
import SQLite

/// The SQL of actions and tallies, on the unit of work's connection: the writer's (so a lookup, its
/// checks and the insert are one transaction) or a reader's.
/// Query shapes and their plans: migrations/README.md, "Actions and tallies".
struct SQLiteActionStore: ActionStore {
    let tx: SQLiteTransaction
    var connection: Connection { tx.connection }

    private enum TargetColumn: Int32, ResultColumn {
        case id, slug, status, campaign, actionGoal
        static let list = "id, slug, status, campaign, action_goal"
    }

    func target(_ reference: ContentRef) throws -> ActionTarget? {
        let statement: Statement
        switch reference {
        case .id(let id):
            statement = try connection.cachedStatement("SELECT \(TargetColumn.list) FROM cases WHERE id = ?")
            try statement.bind(id, at: 1)
        case .slug(let slug):
            statement = try connection.cachedStatement("SELECT \(TargetColumn.list) FROM cases WHERE slug = ?")
            try statement.bind(slug, at: 1)
        }
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return ActionTarget(id: statement.int64(TargetColumn.id), slug: statement.string(TargetColumn.slug),
                            status: ActionTarget.Status(rawValue: statement.string(TargetColumn.status)),
                            campaign: statement.optionalString(TargetColumn.campaign),
                            actionGoal: statement.optionalInt64(TargetColumn.actionGoal))
    }

    func insert(_ input: ActionInput, caseID: Int64, at createdAt: Int64) throws -> Int64 {
        let insert = try connection.cachedStatement(
            "INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        try insert.bind(caseID, at: 1)
        try insert.bind(input.kind.rawValue, at: 2)
        try insert.bind(input.count, at: 3)
        try insert.bind(input.country, at: 4)
        try insert.bind(input.source, at: 5)
        try insert.bind(createdAt, at: 6)
        try insert.execute()
        tx.changes.tallyChanged(caseID: caseID)
        return connection.lastInsertRowID
    }

    func insert(_ record: ImportedAction, caseID: Int64, now: Timestamp) throws {
        try refusingConstraints {
            let statement = try connection.cachedStatement("""
                INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
            try statement.bind(caseID, at: 1)
            try statement.bind(record.kind, at: 2)
            try statement.bind(record.count, at: 3)
            try statement.bind(record.country, at: 4)
            try statement.bind(record.source, at: 5)
            try statement.bind(record.createdAt ?? now.seconds, at: 6)
            try statement.execute()
        }
        tx.changes.tallyChanged(caseID: caseID)
    }

    /// Three primary-key lookups in the tally tables.
    func tally(caseID: Int64) throws -> CaseTally {
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
