/// `GET /v1/posts` parameters, parsed and checked (400 for a value that cannot be understood).
public struct PostListQuery: Sendable, Hashable {
    /// `status`, which only an admin may set to anything but `published`.
    public enum Status: String, Sendable, CaseIterable {
        case draft, published, all
    }

    /// Which posts a list may show, once the caller is known.
    public enum Scope: Sendable {
        /// Published and dated now or earlier: what everyone sees.
        case publicFeed
        /// Admin: every published post, scheduled ones included.
        case published
        /// Admin: drafts, dated ones first, undated ones last.
        case drafts
        /// Admin: everything, undated drafts last.
        case all
    }

    public var status: Status?
    /// `case`: a case id or slug.
    public var caseRef: ContentRef?
    /// Inclusive bounds on `published_at`, unix seconds.
    public var from: Int64?
    public var to: Int64?
    /// `tag`, `q`, `limit`, `cursor`, `include_total`.
    public var common = CommonListParameters()

    public init() {}

    /// Reads the query items of a request (`parameters`); unknown ones are ignored, repeated ones use the first.
    public init(_ items: [(name: String, value: String)]) throws(ServiceError) {
        status = try Self.statusParameter.choice(items, as: Status.self)
        caseRef = try Self.caseParameter.filter(items).map(ContentRef.init)
        from = try Self.fromParameter.time(items)?.seconds
        to = try Self.toParameter.time(items).map { $0.isDate ? $0.seconds + 86_399 : $0.seconds }
        common = try CommonListParameters(items, kind: .posts)
    }

    static let statusParameter = QueryParameter("status", .choice(Status.allCases.map(\.rawValue)), """
        Admin only (without a token anything but `published` is a 401): `published` (every published \
        post, scheduled ones included), `draft` (drafts: dated newest first, then undated ones by id), \
        `all` (both, undated drafts last). Left out: the public feed, with or without a token. Other values: 400.
        """)
    static let caseParameter = QueryParameter(
        "case", .filter(maxLength: Slug.maxLength, noun: "case id or slug"),
        "Only posts linked to this case, by id (all digits) or slug; an unknown case gives an empty list; longer "
            + "than a slug can be (\(Slug.maxLength) characters) or holding a control character: 400.")
    static let fromParameter = QueryParameter(
        "from", .time, "Only posts with `published_at` at or after this: RFC 3339 with any offset, or a date "
            + "`YYYY-MM-DD` meaning 00:00:00Z that day. Anything else: 400.")
    static let toParameter = QueryParameter(
        "to", .time, "Only posts with `published_at` at or before this: RFC 3339 with any offset, or a date "
            + "`YYYY-MM-DD` meaning 23:59:59Z that day (inclusive). Anything else: 400.")

    /// `GET /v1/posts`'s query, as read above and as `/openapi.json` lists it.
    public static var parameters: [QueryParameter] {
        let common = CommonListParameters.Declared(.posts)
        return [statusParameter, common.tag, caseParameter, fromParameter, toParameter, common.q, common.limit,
                common.cursor, common.includeTotal]
    }

    /// The posts this caller may list: without a token only the public feed (`status` absent or
    /// `published`), else 401; with one, what `status` asks for (absent: the public feed).
    public func scope(isAdmin: Bool) throws(ServiceError) -> Scope {
        switch (status, isAdmin) {
        case (nil, _), (.published?, false): return .publicFeed
        case (.published?, true): return .published
        case (.draft?, true): return .drafts
        case (.all?, true): return .all
        case (_, false):
            throw ServiceError.unauthorized("status=\(status?.rawValue ?? "") needs an admin token")
        }
    }

    /// The normalised query, for the answer cache (public feed only: the scope is not part of it).
    public var cacheKey: String {
        CacheKey.make("posts", [common.tag, caseRef.map { "\($0)" }, from.map(String.init), to.map(String.init),
                                common.search, String(common.limit), common.cursor?.token,
                                common.includeTotal ? "total" : nil])
    }
}
