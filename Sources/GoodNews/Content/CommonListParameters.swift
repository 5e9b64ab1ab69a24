/// The parameters the posts and cases lists share (`tag`, `q`, `limit`, `cursor`, `include_total`), declared
/// and read once for both; a value that cannot be understood is a 400 naming it.
public struct CommonListParameters: Sendable, Hashable {
    /// Matched exactly after trimming, as stored.
    public var tag: String?
    /// `q` as an FTS5 expression (`ListParameters.searchExpression`).
    public var search: String?
    public var limit = ListParameters.defaultLimit
    public var cursor: ListCursor?
    public var includeTotal = false

    public init() {}

    /// Reads them from the query `items`; `kind` is the list a cursor must belong to.
    init(_ items: [(name: String, value: String)], kind: ListCursor.Kind) throws(ServiceError) {
        let declared = CommonListParameters.Declared(kind)
        tag = try declared.tag.filter(items)
        search = try ListParameters.searchExpression(declared.q.raw(items))
        limit = try declared.limit.integer(items)
        cursor = try ListParameters.cursor(declared.cursor.raw(items), kind: kind)
        includeTotal = try declared.includeTotal.flag(items)
    }

    /// The declarations of one list's shared parameters, worded for that list.
    public struct Declared: Sendable {
        public let tag, q, limit, cursor, includeTotal: QueryParameter

        public init(_ kind: ListCursor.Kind) {
            let noun = kind == .posts ? "posts" : "cases"
            let other = kind == .posts ? "a case cursor, say" : "a post cursor, say"
            let columns = kind == .posts ? "title, summary and body" : "name, summary, description and campaign"
            tag = QueryParameter("tag", .filter(maxLength: FieldRules.maxTagLength, noun: "tag"),
                                 "Only \(noun) with this tag (exact match, trimmed; blank: no filter); longer than a "
                                 + "tag can be (\(FieldRules.maxTagLength) characters) or holding a control character: 400.")
            q = QueryParameter("q", .custom(SearchQuery.filterSchema), """
                Full-text filter over \(columns), accent-insensitive: every word must occur (each word is \
                searched as written, punctuation inside a word makes it a phrase; no query syntax). Blank: no \
                filter. The caps of `/v1/search`: at most \(SearchQuery.maxBytes) bytes (UTF-8) and \
                \(SearchQuery.maxWords) different words, no control characters; beyond: 400.
                """)
            limit = QueryParameter("limit", .integer(1...ListParameters.maxLimit, fallback: ListParameters.defaultLimit),
                                   "Items per page, 1 to \(ListParameters.maxLimit) (default \(ListParameters.defaultLimit)); "
                                   + "anything else is a 400.")
            cursor = QueryParameter("cursor", .custom(ListCursor.schema), """
                The opaque `next_cursor` of the previous page of this list. A malformed or edited cursor, or one of \
                another list (\(other)), is a 400. Paging is keyset: stable while items are added.
                """)
            includeTotal = QueryParameter("include_total", .flag, "`true` adds `X-Total-Count` (all matching items, "
                                          + "whatever the cursor); `true` or `false`, else a 400.")
        }

        /// In the order the document lists them, after the list's own filters.
        public var all: [QueryParameter] { [tag, q, limit, cursor, includeTotal] }
    }
}
