import SQLite

/// Reads of tallies and site totals, each on one reader connection inside one read transaction
/// (a consistent snapshot even while actions are being committed).
struct TallyStore: Sendable {
    /// Groups and their sum; `key` nil is "none" (no country given, case without a campaign).
    struct Groups: Sendable, Equatable {
        var total: Int64
        var groups: [Group]
    }

    struct Group: Sendable, Equatable {
        var key: String?
        var total: Int64
    }

    let database: Database

    /// A case and its tallies, or nil when there is no such case.
    func caseTally(_ reference: ActionTarget.Reference) throws -> (ActionTarget, CaseTally)? {
        try database.read { connection in
            try connection.transaction(.deferred) {
                guard let target = try ActionStore.findCase(reference, on: connection) else { return nil }
                return (target, try ActionStore.tally(caseID: target.id, on: connection))
            }
        }
    }

    /// `GET /v1/tallies`. Throws `notFound` for an unknown `case`, `badRequest` for too long a day span.
    func groups(_ query: TallyQuery, now: Int64) throws -> Groups {
        try database.read { connection in
            try connection.transaction(.deferred) {
                var caseID: Int64?
                if let reference = query.caseReference {
                    guard let target = try ActionStore.findCase(reference, on: connection) else {
                        throw ServiceError.notFound("no case \(reference.text)")
                    }
                    caseID = target.id
                }
                if query.groupBy == .day {
                    return try days(query, caseID: caseID, now: now, on: connection)
                }
                let statement = try connection.cachedStatement(query.groupSQL)
                try bind(query, caseID: caseID, to: statement)
                let rows = try statement.rows { Group(key: $0.optionalString(0), total: $0.int64(1)) }
                if query.groupBy == nil { return Groups(total: rows.first?.total ?? 0, groups: []) }
                return Groups(total: TallyStore.sum(rows), groups: rows)
            }
        }
    }

    private func days(_ query: TallyQuery, caseID: Int64?, now: Int64, on connection: Connection) throws -> Groups {
        var from = query.from
        if from == nil {
            from = try connection.cachedStatement("SELECT min(created_at) FROM actions").scalarInt64()
        }
        let to = query.to ?? now + 1
        guard let from, from < to else { return Groups(total: 0, groups: []) }
        let firstDay = TallyStore.day(of: from)
        let lastDay = TallyStore.day(of: to - 1)
        guard lastDay - firstDay < TallyQuery.maxDays else {
            throw ServiceError.badRequest("group_by=day covers at most \(TallyQuery.maxDays) days; "
                                              + "narrow it with from and to")
        }
        var ranged = query
        ranged.from = from
        ranged.to = to
        let statement = try connection.cachedStatement(ranged.daySQL)
        try bind(ranged, caseID: caseID, to: statement)
        try statement.bind(firstDay, named: ":first_day")
        let rows = try statement.rows { Group(key: $0.optionalString(0), total: $0.int64(1)) }
        return Groups(total: TallyStore.sum(rows), groups: rows)
    }

    private func bind(_ query: TallyQuery, caseID: Int64?, to statement: Statement) throws {
        if let caseID { try statement.bind(caseID, named: ":case") }
        if let campaign = query.campaign { try statement.bind(campaign, named: ":campaign") }
        if query.isRanged {
            try statement.bind(query.from ?? Int64.min, named: ":from")
            try statement.bind(query.to ?? Int64.max, named: ":to")
        }
    }

    /// The groups' totals added up, saturating at `Int64.max` rather than trapping (totals are sums of
    /// counts up to 10,000,000 each: unreachable in practice, but no figure may stop the process).
    static func sum(_ groups: [Group]) -> Int64 {
        groups.reduce(0) { sum, group in
            let (result, overflow) = sum.addingReportingOverflow(group.total)
            return overflow ? .max : result
        }
    }

    /// The UTC day number of a time (floor division, right for times before 1970 too).
    static func day(of seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
