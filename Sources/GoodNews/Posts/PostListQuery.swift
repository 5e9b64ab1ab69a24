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

    /// Reads the query items of a request; unknown parameters are ignored, repeated ones use the first.
    public init(_ items: [(name: String, value: String)]) throws(ServiceError) {
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let text = value("status") {
            guard let status = Status(rawValue: text) else {
                throw ServiceError.badRequest("status must be one of: draft, published, all")
            }
            self.status = status
        }
        caseRef = try ListParameters.filter("case", value("case"), max: Slug.maxLength, noun: "case id or slug")
            .map(ContentRef.init)
        from = try ListParameters.time("from", value("from"), endOfDay: false)
        to = try ListParameters.time("to", value("to"), endOfDay: true)
        common = try CommonListParameters(value, kind: .posts)
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
