/// A post as stored: what the API shows of it (`Post+JSON.swift`).
public struct Post: Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    /// Markdown.
    public var body: String
    /// `body` rendered when it was written (`RenderedMarkdown`).
    public var bodyHTML: String
    public var status: PostStatus
    /// Unix seconds; nil for an undated draft.
    public var publishedAt: Int64?
    public var image: PostImage?
    /// In the order given.
    public var tags: [String]
    /// The slugs of the linked cases, in the order given.
    public var cases: [String]
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: Int64, slug: String, title: String, summary: String, body: String, bodyHTML: String = "",
                status: PostStatus,
                publishedAt: Int64?, image: PostImage?, tags: [String], cases: [String], createdAt: Int64,
                updatedAt: Int64) {
        self.id = id; self.slug = slug; self.title = title; self.summary = summary; self.body = body
        self.bodyHTML = bodyHTML
        self.status = status; self.publishedAt = publishedAt; self.image = image; self.tags = tags
        self.cases = cases; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Where a list of posts continues after this one (newest first: by date, then id).
    public var cursor: ListCursor { ListCursor(kind: .posts, at: publishedAt, id: id) }
}
