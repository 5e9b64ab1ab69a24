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

    /// Reads the query items of a request (`parameters`); unknown ones are ignored, repeated ones use the first.
    public init(_ items: [(name: String, value: String)]) throws(ServiceError) {
        status = try Self.statusParameter.choice(items, as: CaseStatus.self)
        if let text = Self.countryParameter.raw(items) {
            var issues = IssueList()
            let code = CaseService.checkedCountry(text, into: &issues)
            guard issues.isEmpty else { throw Self.countryParameter.refusal("must be a two-letter code such as CU") }
            country = code
        }
        campaign = try Self.campaignParameter.filter(items)
        common = try CommonListParameters(items, kind: .cases)
    }

    static let statusParameter = QueryParameter("status", .choice(CaseStatus.allCases.map(\.rawValue)),
                                                "`active`, `resolved` or `closed`; anything else is a 400.")
    static let countryParameter = QueryParameter(
        "country", .custom(["type": "string", "pattern": .string(CaseService.countryPattern)]),
        "ISO 3166-1 alpha-2, either case (`cu` = `CU`); not two letters: 400.")
    static let campaignParameter = QueryParameter(
        "campaign", .filter(maxLength: CaseService.maxCampaign, noun: "campaign"),
        "Exact campaign name (trimmed; blank: no filter), e.g. `Write for Rights 2019`; longer than a campaign can "
            + "be (\(CaseService.maxCampaign) characters) or holding a control character: 400.")

    /// `GET /v1/cases`'s query, as read above and as `/openapi.json` lists it.
    public static var parameters: [QueryParameter] {
        let common = CommonListParameters.Declared(.cases)
        return [statusParameter, countryParameter, campaignParameter, common.tag, common.q, common.limit,
                common.cursor, common.includeTotal]
    }

    /// The normalised query, for the answer cache.
    public var cacheKey: String {
        CacheKey.make("cases", [status?.rawValue, country, campaign, common.tag, common.search, String(common.limit),
                                common.cursor?.token, common.includeTotal ? "total" : nil])
    }
}
