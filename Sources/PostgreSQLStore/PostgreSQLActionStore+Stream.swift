import GoodNews
import PostgreSQL
import StoreCommon

/// What the live stream reads (`TallyEventReader`), inside the caller's snapshot.
extension PostgreSQLActionStore {
    func newestID() throws -> Int64 {
        try connection.query("SELECT coalesce(max(id), 0) FROM actions").scalarInt64() ?? 0
    }

    func changedCases(after afterID: Int64, newest: Int64) throws -> [Int64] {
        try connection.query("SELECT DISTINCT case_id FROM actions WHERE id > $1 AND id <= $2 ORDER BY case_id",
                             [.integer(afterID), .integer(newest)]).map { $0.int64(0) }
    }

    func casesWithTallies() throws -> [Int64] {
        try connection.query("""
            SELECT case_id FROM case_tally_slots GROUP BY case_id HAVING sum(total) > 0 ORDER BY case_id
            """).map { $0.int64(0) }
    }

    func event(caseID: Int64) throws -> TallyEvent? {
        guard let row = try connection.query("""
            SELECT c.slug, (SELECT coalesce(sum(total), 0)::bigint FROM case_tally_slots WHERE case_id = c.id),
                   (SELECT string_agg(kind || chr(31) || total, chr(30) ORDER BY kind) FROM
                      (SELECT kind, sum(total) AS total FROM case_tallies_by_kind WHERE case_id = c.id
                       GROUP BY kind HAVING sum(total) > 0) k)
            FROM cases c WHERE c.id = $1
            """, [.integer(caseID)]).first else { return nil }
        return TallyEvent(caseID: caseID, slug: row.string(0), total: row.int64(1),
                          byKind: row.keyedTotals(EventColumn.byKind).map { (kind: $0.0, total: $0.1) })
    }

    private enum EventColumn: Int32, ResultColumn {
        case slug, total, byKind
    }
}
