/// A public post as the Atom feed shows it.
public struct FeedEntry: Sendable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    /// Markdown.
    public var body: String
    public var publishedAt: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var tags: [String]

    public init(id: Int64, slug: String, title: String, summary: String, body: String, publishedAt: Int64,
                createdAt: Int64, updatedAt: Int64, tags: [String]) {
        self.id = id; self.slug = slug; self.title = title; self.summary = summary; self.body = body
        self.publishedAt = publishedAt; self.createdAt = createdAt; self.updatedAt = updatedAt; self.tags = tags
    }
}

extension FeedEntry {
    /// Entries in the feed.
    public static let feedLength = 50
}
