/// `GET /v1/tallies?group_by=&case=&campaign=&from=&to=`, checked.
///
/// The range is half-open, `[from, to)`. A bare date in `to` means the end of that day, so
/// `from=2019-12-01&to=2019-12-31` covers all of December 31st.
public struct TallyQuery: Sendable, Hashable {
    public enum Grouping: String, Sendable, CaseIterable {
        case `case`, kind, country, campaign, day
    }

    /// nil: the total only, no groups.
    public var groupBy: Grouping?
    public var caseReference: ContentRef?
    public var campaign: String?
    public var from: Int64?
    public var to: Int64?

    /// The widest `group_by=day` answer, in days (one index range sum per day).
    public static let maxDays: Int64 = 3_660

    public init(groupBy: Grouping? = nil, caseReference: ContentRef? = nil, campaign: String? = nil,
                from: Int64? = nil, to: Int64? = nil) {
        self.groupBy = groupBy
        self.caseReference = caseReference
        self.campaign = campaign
        self.from = from
        self.to = to
    }

    /// Reads the query items (`parameters`); a value that cannot mean anything is a 400 naming it.
    public init(items: [(name: String, value: String)]) throws(ServiceError) {
        groupBy = try Self.groupByParameter.choice(items, as: Grouping.self)
        caseReference = try Self.caseParameter.reference(items)
        if let campaign = Self.campaignParameter.raw(items) {
            if let message = FieldRules.controlIssue(campaign, .short) { throw Self.campaignParameter.refusal(message) }
            guard (1...CaseService.maxCampaign).contains(FieldRules.length(campaign)) else {
                throw Self.campaignParameter.refusal("must be 1 to \(CaseService.maxCampaign) characters (no campaign is longer)")
            }
            self.campaign = campaign
        }
        from = try Self.fromParameter.time(items)?.seconds
        to = try Self.toParameter.time(items).map { $0.isDate ? $0.seconds + 86_400 : $0.seconds }
        if let from, let to, from > to { throw Self.fromParameter.refusal("must not be after to") }
    }

    static let groupByParameter = QueryParameter("group_by", .choice(Grouping.allCases.map(\.rawValue)), "How to group.")
    /// Also the `case` of `/v1/stream/tallies`.
    public static let caseParameter = QueryParameter("case", .reference,
                                                     "Only this case (id or slug); 404 if there is none.")
    static let campaignParameter = QueryParameter(
        "campaign", .custom(["type": "string", "minLength": 1, "maxLength": .int(Int64(CaseService.maxCampaign)),
                             "pattern": .string(QueryParameter.noControlsPattern)]),
        "Only cases of this campaign (exact match, as sent); 1 to \(CaseService.maxCampaign) characters without "
            + "control characters, else 400.")
    static let fromParameter = QueryParameter("from", .time, "RFC 3339 time or date, inclusive; after `to`: 400.")
    static let toParameter = QueryParameter("to", .time, "RFC 3339 time (exclusive) or date (inclusive).")

    /// `GET /v1/tallies`'s query, as read above and as `/openapi.json` lists it.
    public static var parameters: [QueryParameter] {
        [groupByParameter, caseParameter, campaignParameter, fromParameter, toParameter]
    }

    /// Whether the answer needs the actions themselves (a time range), not just the tally tables.
    public var isRanged: Bool { from != nil || to != nil || groupBy == .day }

    /// A stable text form, for the answer cache.
    public var cacheKey: String {
        "tallies|\(groupBy?.rawValue ?? "")|\(caseReference?.description ?? "")|\(from.map(String.init) ?? "")|"
            + "\(to.map(String.init) ?? "")|\(campaign ?? "")"
    }
}
