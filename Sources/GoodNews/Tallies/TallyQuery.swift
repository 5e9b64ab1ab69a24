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
    public var caseReference: ActionTarget.Reference?
    public var campaign: String?
    public var from: Int64?
    public var to: Int64?

    /// The widest `group_by=day` answer, in days (one index range sum per day).
    public static let maxDays: Int64 = 3_660

    public init(groupBy: Grouping? = nil, caseReference: ActionTarget.Reference? = nil, campaign: String? = nil,
                from: Int64? = nil, to: Int64? = nil) {
        self.groupBy = groupBy
        self.caseReference = caseReference
        self.campaign = campaign
        self.from = from
        self.to = to
    }

    /// Reads the query items; a value that cannot mean anything is a 400 naming it.
    public init(items: [(name: String, value: String)]) throws(ServiceError) {
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let group = value("group_by") {
            guard let grouping = Grouping(rawValue: group) else {
                throw .badRequest("group_by must be one of case, kind, country, campaign, day")
            }
            groupBy = grouping
        }
        if let reference = value("case") {
            guard let parsed = ActionTarget.Reference(reference) else {
                throw .badRequest("case must be a case id or slug")
            }
            caseReference = parsed
        }
        if let campaign = value("campaign") {
            if let message = FieldRules.controlIssue(campaign, .short) { throw .badRequest("campaign \(message)") }
            guard (1...CaseService.maxCampaign).contains(FieldRules.length(campaign)) else {
                throw .badRequest("campaign must be 1 to \(CaseService.maxCampaign) characters (no campaign is longer)")
            }
            self.campaign = campaign
        }
        if let text = value("from") {
            guard let time = Timestamp(rfc3339: text, allowDate: true) else {
                throw .badRequest("from must be an RFC 3339 time or a date (2019-12-01)")
            }
            from = time.seconds
        }
        if let text = value("to") {
            guard let time = Timestamp(rfc3339: text, allowDate: true) else {
                throw .badRequest("to must be an RFC 3339 time or a date (2019-12-31)")
            }
            to = text.utf8.count == 10 ? time.seconds + 86_400 : time.seconds
        }
        if let from, let to, from > to { throw .badRequest("from must not be after to") }
    }

    /// Whether the answer needs the actions themselves (a time range), not just the tally tables.
    public var isRanged: Bool { from != nil || to != nil || groupBy == .day }

    /// A stable text form, for the answer cache.
    public var cacheKey: String {
        "tallies|\(groupBy?.rawValue ?? "")|\(caseReference?.text ?? "")|\(from.map(String.init) ?? "")|"
            + "\(to.map(String.init) ?? "")|\(campaign ?? "")"
    }
}
