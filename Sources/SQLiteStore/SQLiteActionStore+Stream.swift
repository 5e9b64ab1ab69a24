import GoodNews
import SQLite

/// What the live stream reads (`TallyEventReader`), inside the caller's snapshot.
extension SQLiteActionStore {
    func newestID() throws -> Int64 {
        try connection.cachedStatement("SELECT max(id) FROM actions").scalarInt64() ?? 0
    }

    /// The primary key is the rowid: a range of the newest rows, not a scan.
    func changedCases(after afterID: Int64, newest: Int64) throws -> [Int64] {
        let statement = try connection.cachedStatement(
            "SELECT DISTINCT case_id FROM actions WHERE id > ? AND id <= ? ORDER BY case_id")
        try statement.bind(afterID, at: 1)
        try statement.bind(newest, at: 2)
        return try statement.rows { $0.int64(0) }
    }

    func casesWithTallies() throws -> [Int64] {
        try connection.cachedStatement("SELECT case_id FROM case_tallies WHERE total > 0 ORDER BY case_id")
            .rows { $0.int64(0) }
    }

    func event(caseID: Int64) throws -> TallyEvent? {
        let head = try connection.cachedStatement(
            "SELECT c.slug, t.total FROM cases c JOIN case_tallies t ON t.case_id = c.id WHERE c.id = ?")
        try head.bind(caseID, at: 1)
        guard try head.step() else { return nil }
        let slug = head.string(0), total = head.int64(1)
        head.reset()
        let kinds = try connection.cachedStatement("SELECT kind, total FROM case_tallies_by_kind WHERE case_id = ?")
        try kinds.bind(caseID, at: 1)
        return TallyEvent(caseID: caseID, slug: slug, total: total,
                          byKind: try kinds.rows { (kind: $0.string(0), total: $0.int64(1)) })
    }
}
