/// `GET /v1/cases` parameters, parsed and checked (400 for a value that cannot be understood).
public struct CaseListQuery: Sendable, Hashable {
    public var status: CaseStatus?
    /// Upper case.
    public var country: String?
    /// Matched exactly after trimming, as stored.
    public var campaign: String?
    /// `tag`, `q`, `limit`, `cursor`, `include_total`.
    public var common = CommonListParameters()

    public init() {}

    /// Reads the query items of a request; unknown parameters are ignored, repeated ones use the first.
    public init(_ items: [(name: String, value: String)]) throws(ServiceError) {
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let text = value("status") {
            guard let status = CaseStatus(rawValue: text) else {
                throw ServiceError.badRequest("status must be one of: active, resolved, closed")
            }
            self.status = status
        }
        if let text = value("country") {
            var issues = IssueList()
            let code = CaseService.checkedCountry(text, into: &issues)
            guard issues.isEmpty else { throw ServiceError.badRequest("country must be a two-letter code such as CU") }
            country = code
        }
        campaign = try ListParameters.filter("campaign", value("campaign"), max: CaseService.maxCampaign,
                                             noun: "campaign")
        common = try CommonListParameters(value, kind: .cases)
    }

    /// The normalised query, for the answer cache.
    public var cacheKey: String {
        CacheKey.make("cases", [status?.rawValue, country, campaign, common.tag, common.search, String(common.limit),
                                common.cursor?.token, common.includeTotal ? "total" : nil])
    }
}
