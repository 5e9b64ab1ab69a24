/// `GET /v1/search?q=&type=&limit=`, declared once: read here, listed in `/openapi.json` from `parameters`.
public struct SearchParameters: Sendable {
    public let query: SearchQuery
    /// nil: posts and cases, merged by rank.
    public let kind: SearchHit.Kind?
    public let limit: Int

    public init(_ items: [(name: String, value: String)]) throws(ServiceError) {
        do {
            query = try SearchQuery(Self.q.raw(items) ?? "")
        } catch {
            throw Self.q.refusal(error.message)
        }
        kind = try Self.type.choice(items, as: SearchHit.Kind.self)
        limit = try Self.limit.integer(items)
    }

    static let q = QueryParameter("q", required: true, .custom(SearchQuery.schema), """
        The words to search for: at least one word holding a letter or digit, at most \(SearchQuery.maxBytes) \
        bytes (UTF-8) and \(SearchQuery.maxWords) different words, no control characters (400 otherwise).
        """)
    static let type = QueryParameter("type", .choice(SearchHit.Kind.allCases.map(\.rawValue)),
                                     "Only posts or only cases (default both).")
    static let limit = QueryParameter("limit", .integer(1...ListParameters.maxLimit, fallback: ListParameters.defaultLimit),
                                      "Hits at most, 1 to \(ListParameters.maxLimit) (default \(ListParameters.defaultLimit)).")

    public static var parameters: [QueryParameter] { [q, type, limit] }
}
