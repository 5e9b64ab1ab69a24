import GoodNews
import PostgreSQL
import StoreCommon

/// The SQL of tallies (`TallySQL`) and site totals. `TallyService` runs them in one snapshot.
struct PostgreSQLTallyStore: TallyStore {
    let connection: Connection

    func groups(_ query: TallyQuery, caseID: Int64?) throws -> [TallyGroup] {
        var sql = TallySQL(query: query, caseID: caseID)
        return try connection.query(sql.groups(), sql.parameters.values).map(PostgreSQLTallyStore.group)
    }

    func days(_ query: TallyQuery, caseID: Int64?, firstDay: Int64) throws -> [TallyGroup] {
        var sql = TallySQL(query: query, caseID: caseID)
        return try connection.query(sql.days(firstDay: firstDay), sql.parameters.values).map(PostgreSQLTallyStore.group)
    }

    func firstActionTime() throws -> Int64? {
        try connection.query("SELECT min(created_at) FROM actions").first?.optionalInt64(0)
    }

    private static func group(_ row: Row) -> TallyGroup {
        TallyGroup(key: row.optionalString(0), total: row.int64(1))
    }

    func siteStats(now: Int64) throws -> SiteStats {
        var stats = SiteStats()
        let posts = try connection.query("""
            SELECT count(*) FILTER (WHERE published_at <= $1), min(published_at) FILTER (WHERE published_at > $1)
            FROM posts WHERE status = 'published'
            """, [.integer(now)])
        stats.postsPublished = posts.first?.int64(0) ?? 0
        stats.nextPublication = posts.first?.optionalInt64(1)
        stats.addCases(try casesByStatus())
        stats.actionsTotal = try actionsTotal()
        return stats
    }

    func contentTotals(now: Int64) throws -> ContentTotals {
        var totals = ContentTotals()
        let posts = try connection.query(
            "SELECT status, coalesce(published_at <= $1, false), count(*) FROM posts GROUP BY 1, 2", [.integer(now)])
        for row in posts.rows { totals.addPosts(status: row.string(0), isPublic: row.bool(1), count: row.int(2)) }
        for (status, count) in try casesByStatus() { totals.casesByStatus[status] = Int(count) }
        totals.actions = Int(try actionsTotal())
        return totals
    }

    private func casesByStatus() throws -> [(status: String, count: Int64)] {
        try connection.query("SELECT status, count(*) FROM cases GROUP BY status").map { (status: $0.string(0), count: $0.int64(1)) }
    }

    private func actionsTotal() throws -> Int64 {
        try connection.query("SELECT coalesce(sum(total), 0)::bigint FROM case_tally_slots").scalarInt64() ?? 0
    }
}

/// The SQL for a `TallyQuery`, the same shapes as on SQLite (SQLiteStore's `TallyQuery+SQL.swift`): without a
/// time range only the tally tables (summed over their slots), with one the covering indexes on actions.
struct TallySQL {
    let query: TallyQuery
    let caseID: Int64?
    var parameters = Parameters()

    init(query: TallyQuery, caseID: Int64?) {
        self.query = query
        self.caseID = caseID
    }

    private mutating func caseFilter() -> String {
        var terms: [String] = []
        if query.caseReference != nil, let caseID { terms.append("c.id = \(parameters.add(caseID))") }
        if let campaign = query.campaign { terms.append("c.campaign = \(parameters.add(campaign))") }
        return terms.joined(separator: " AND ")
    }

    private var keyExpression: String {
        switch query.groupBy {
        case .case?: "c.slug"
        case .campaign?: "c.campaign"
        case .kind?: "t.kind"
        case .country?: query.isRanged ? "t.country" : "nullif(t.country, '')"
        case .day?, nil: "NULL::text"
        }
    }

    /// Groups whose total is 0 (a slot table can hold them after a deleted action) are left out.
    private var grouped: String {
        query.groupBy == nil ? "" : " GROUP BY 1 HAVING sum(\(query.isRanged ? "t.count" : "t.total")) > 0 ORDER BY 2 DESC, 1 NULLS FIRST"
    }

    mutating func groups() -> String {
        query.isRanged ? ranged() : tallyTables()
    }

    private mutating func tallyTables() -> String {
        let table = switch query.groupBy {
        case .kind?: "case_tallies_by_kind"
        case .country?: "case_tallies_by_country"
        default: "case_tally_slots"
        }
        let filter = caseFilter()
        let source: String
        var conditions: [String] = []
        if !filter.isEmpty {
            source = "cases c JOIN \(table) t ON t.case_id = c.id"
            conditions.append(filter)
        } else if query.groupBy == .case || query.groupBy == .campaign {
            source = "\(table) t JOIN cases c ON c.id = t.case_id"
        } else {
            source = "\(table) t"
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "SELECT \(keyExpression), coalesce(sum(t.total), 0)::bigint FROM \(source)\(condition)\(grouped)"
    }

    private mutating func ranged() -> String {
        let filter = caseFilter()
        let from = parameters.add(query.from ?? Int64.min)
        let to = parameters.add(query.to ?? Int64.max)
        if filter.isEmpty && (query.groupBy == .case || query.groupBy == .campaign) {
            return """
                SELECT \(keyExpression), sum(t.count)::bigint FROM (SELECT case_id, sum(count) AS count FROM actions \
                WHERE created_at >= \(from) AND created_at < \(to) GROUP BY case_id) t \
                JOIN cases c ON c.id = t.case_id\(grouped)
                """
        }
        let source = filter.isEmpty ? "actions t" : "cases c JOIN actions t ON t.case_id = c.id"
        let condition = (filter.isEmpty ? "" : filter + " AND ") + "t.created_at >= \(from) AND t.created_at < \(to)"
        return "SELECT \(keyExpression), coalesce(sum(t.count), 0)::bigint FROM \(source) WHERE \(condition)\(grouped)"
    }

    /// `group_by=day`: one range sum per UTC day from `firstDay` (days without actions give 0).
    mutating func days(firstDay: Int64) -> String {
        let filter = caseFilter()
        let from = parameters.add(query.from ?? Int64.min)
        let to = parameters.add(query.to ?? Int64.max)
        let first = parameters.add(firstDay)
        let source = filter.isEmpty ? "actions t" : "cases c JOIN actions t ON t.case_id = c.id"
        let condition = (filter.isEmpty ? "" : filter + " AND ")
            + "t.created_at >= greatest(day * 86400, \(from)) AND t.created_at < least((day + 1) * 86400, \(to))"
        return """
            SELECT to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), \
            (SELECT coalesce(sum(t.count), 0)::bigint FROM \(source) WHERE \(condition)) \
            FROM generate_series(\(first)::bigint, greatest(\(first)::bigint, floor((\(to)::numeric - 1) / 86400)::bigint)) AS day
            """
    }
}
