import GoodNews
import SQLite
import StoreCommon

/// The SQL of tallies (`TallyQuery+SQL.swift`) and site totals. `TallyService` runs them in one snapshot.
struct SQLiteTallyStore: TallyStore {
    let connection: Connection

    private enum GroupColumn: Int32, ResultColumn {
        case key, total
    }

    func groups(_ query: TallyQuery, caseID: Int64?) throws -> [TallyGroup] {
        let statement = try connection.cachedStatement(query.groupSQL)
        try bind(query, caseID: caseID, to: statement)
        return try statement.rows(SQLiteTallyStore.group)
    }

    func days(_ query: TallyQuery, caseID: Int64?, firstDay: Int64) throws -> [TallyGroup] {
        let statement = try connection.cachedStatement(query.daySQL)
        try bind(query, caseID: caseID, to: statement)
        try statement.bind(firstDay, named: ":first_day")
        return try statement.rows(SQLiteTallyStore.group)
    }

    func firstActionTime() throws -> Int64? {
        try connection.cachedStatement("SELECT min(created_at) FROM actions").scalarInt64()
    }

    private static func group(_ row: Statement) -> TallyGroup {
        TallyGroup(key: row.optionalString(GroupColumn.key), total: row.int64(GroupColumn.total))
    }

    private func bind(_ query: TallyQuery, caseID: Int64?, to statement: Statement) throws {
        if let caseID { try statement.bind(caseID, named: ":case") }
        if let campaign = query.campaign { try statement.bind(campaign, named: ":campaign") }
        if query.isRanged {
            try statement.bind(query.from ?? Int64.min, named: ":from")
            try statement.bind(query.to ?? Int64.max, named: ":to")
        }
    }

    /// Every figure from index-only counts and the tally table, no scan of actions.
    func siteStats(now: Int64) throws -> SiteStats {
        var stats = SiteStats()
        let posts = try connection.cachedStatement(
            "SELECT count(*) FROM posts WHERE status = 'published' AND published_at <= ?")
        try posts.bind(now, at: 1)
        stats.postsPublished = try posts.scalarInt64() ?? 0
        let next = try connection.cachedStatement(
            "SELECT min(published_at) FROM posts WHERE status = 'published' AND published_at > ?")
        try next.bind(now, at: 1)
        stats.nextPublication = try next.scalarInt64()
        stats.addCases(try casesByStatus())
        stats.actionsTotal = try actionsTotal()
        return stats
    }

    /// Each figure from a covering-index scan or the tally table (no table scans).
    func contentTotals(now: Int64) throws -> ContentTotals {
        var totals = ContentTotals()
        let posts = try connection.cachedStatement("""
            SELECT status, published_at <= ?1, count(*) FROM posts GROUP BY 1, 2
            """)
        try posts.bind(now, at: 1)
        for row in try posts.rows({ ($0.string(0), $0.bool(1), $0.int(2)) }) {
            totals.addPosts(status: row.0, isPublic: row.1, count: row.2)
        }
        for (status, count) in try casesByStatus() { totals.casesByStatus[status] = Int(count) }
        totals.actions = Int(try actionsTotal())
        return totals
    }

    private func casesByStatus() throws -> [(status: String, count: Int64)] {
        try connection.cachedStatement("SELECT status, count(*) FROM cases GROUP BY status")
            .rows { ($0.string(0), $0.int64(1)) }
    }

    private func actionsTotal() throws -> Int64 {
        try connection.cachedStatement("SELECT coalesce(sum(total), 0) FROM case_tallies").scalarInt64() ?? 0
    }
}
