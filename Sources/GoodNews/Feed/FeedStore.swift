import JSON
import SQLite

/// A public post as the Atom feed shows it.
struct FeedEntry: Sendable {
    var id: Int64
    var slug: String
    var title: String
    var summary: String
    /// Markdown.
    var body: String
    var publishedAt: Int64
    var createdAt: Int64
    var updatedAt: Int64
    var tags: [String]
}

/// The newest public posts, tags included, in one statement (so one snapshot).
enum FeedStore {
    /// Entries in the feed.
    static let entryCount = 50

    private static let newestSQL = """
        SELECT p.id, p.slug, p.title, p.summary, p.body, p.published_at, p.created_at, p.updated_at,
               (SELECT json_group_array(tag)
                FROM (SELECT t.tag FROM post_tags t WHERE t.post_id = p.id ORDER BY t.position))
        FROM posts p
        WHERE p.status = 'published' AND p.published_at <= ?1
        ORDER BY p.published_at DESC, p.id DESC LIMIT ?2
        """

    /// The `limit` newest posts that are published and not in the future, newest first.
    static func newest(now: Int64, limit: Int = entryCount, on connection: Connection) throws -> [FeedEntry] {
        let statement = try connection.cachedStatement(newestSQL)
        try statement.bind(now, at: 1)
        try statement.bind(limit, at: 2)
        return try statement.rows { row in
            FeedEntry(id: row.int64(0), slug: row.string(1), title: row.string(2), summary: row.string(3),
                      body: row.string(4), publishedAt: row.int64(5), createdAt: row.int64(6),
                      updatedAt: row.int64(7), tags: tags(fromJSON: row.string(8)))
        }
    }

    private static func tags(fromJSON text: String) -> [String] {
        guard let elements = (try? JSONValue.parse(text))?.arrayValue else { return [] }
        return elements.compactMap(\.stringValue)
    }
}
