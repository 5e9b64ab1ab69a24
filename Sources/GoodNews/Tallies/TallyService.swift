/// Tallies and site totals, each read from one snapshot (consistent even while actions are committed).
public struct TallyService: Sendable {
    public let storage: any Storage

    public init(storage: any Storage) {
        self.storage = storage
    }

    /// A case and its tallies, or nil when there is no such case.
    public func caseTally(_ reference: ContentRef) throws -> (ActionTarget, CaseTally)? {
        try storage.snapshot { tx in
            guard let target = try tx.actions.target(reference) else { return nil }
            return (target, try tx.actions.tally(caseID: target.id))
        }
    }

    /// `GET /v1/tallies`. Throws `notFound` for an unknown `case`, `badRequest` for too long a day span.
    public func groups(_ query: TallyQuery, now: Int64) throws -> TallyGroups {
        try storage.snapshot { tx in
            var caseID: Int64?
            if let reference = query.caseReference {
                guard let target = try tx.actions.target(reference) else {
                    throw ServiceError.notFound("no case \(reference)")
                }
                caseID = target.id
            }
            if query.groupBy == .day {
                return try TallyService.days(query, caseID: caseID, now: now, tx.tallies)
            }
            let rows = try tx.tallies.groups(query, caseID: caseID)
            if query.groupBy == nil { return TallyGroups(total: rows.first?.total ?? 0, groups: []) }
            return TallyGroups(total: TallyService.sum(rows), groups: rows)
        }
    }

    public func siteStats(now: Int64) throws -> SiteStats {
        try storage.snapshot { try $0.tallies.siteStats(now: now) }
    }

    private static func days(_ query: TallyQuery, caseID: Int64?, now: Int64,
                             _ tallies: any TallyStore) throws -> TallyGroups {
        var from = query.from
        if from == nil { from = try tallies.firstActionTime() }
        let to = query.to ?? now + 1
        guard let from, from < to else { return TallyGroups(total: 0, groups: []) }
        let firstDay = day(of: from)
        let lastDay = day(of: to - 1)
        guard lastDay - firstDay < TallyQuery.maxDays else {
            throw ServiceError.badRequest("group_by=day covers at most \(TallyQuery.maxDays) days; "
                                              + "narrow it with from and to")
        }
        var ranged = query
        ranged.from = from
        ranged.to = to
        let rows = try tallies.days(ranged, caseID: caseID, firstDay: firstDay)
        return TallyGroups(total: sum(rows), groups: rows)
    }

    /// The groups' totals added up, saturating at `Int64.max` rather than trapping (totals are sums of
    /// counts up to 10,000,000 each: unreachable in practice, but no figure may stop the process).
    static func sum(_ groups: [TallyGroup]) -> Int64 {
        groups.reduce(0) { sum, group in
            let (result, overflow) = sum.addingReportingOverflow(group.total)
            return overflow ? .max : result
        }
    }

    /// The UTC day number of a time (floor division, right for times before 1970 too).
    public static func day(of seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
