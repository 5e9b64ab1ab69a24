import SQLite

/// Site totals for `/metrics`, each from a covering-index scan or the tally table (no table scans).
struct ContentTotals: Sendable {
    var publicPosts = 0
    var scheduledPosts = 0
    var draftPosts = 0
    var casesByStatus: [String: Int] = [:]
    var actions = 0

    static func read(now: Int64, on connection: Connection) throws -> ContentTotals {
        var totals = ContentTotals()
        let posts = try connection.cachedStatement("""
            SELECT status, published_at <= ?1, count(*) FROM posts GROUP BY 1, 2
            """)
        try posts.bind(now, at: 1)
        for row in try posts.rows({ ($0.string(0), $0.bool(1), $0.int(2)) }) {
            switch (row.0, row.1) {
            case ("published", true): totals.publicPosts += row.2
            case ("published", false): totals.scheduledPosts += row.2
            default: totals.draftPosts += row.2
            }
        }
        let cases = try connection.cachedStatement("SELECT status, count(*) FROM cases GROUP BY status")
        for (status, count) in try cases.rows({ ($0.string(0), $0.int(1)) }) { totals.casesByStatus[status] = count }
        totals.actions = Int(try connection.cachedStatement("SELECT coalesce(sum(total), 0) FROM case_tallies")
            .scalarInt64() ?? 0)
        return totals
    }
}
