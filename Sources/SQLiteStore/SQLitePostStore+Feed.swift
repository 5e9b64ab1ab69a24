import GoodNews
import SQLite
import StoreCommon

/// The newest public posts for the Atom feed, tags included, in one statement (so one snapshot); columns in
/// `FeedColumn`'s order.
extension SQLitePostStore {
    private static let newestSQL = """
        SELECT p.id, p.slug, p.title, p.summary, p.body, p.published_at, p.created_at, p.updated_at,
               (SELECT \(joinedList("tag"))
                FROM (SELECT t.tag FROM post_tags t WHERE t.post_id = p.id ORDER BY t.position))
        FROM posts p
        WHERE p.status = 'published' AND p.published_at <= ?1
        ORDER BY p.published_at DESC, p.id DESC LIMIT ?2
        """

    func feed(now: Int64, limit: Int) throws -> [FeedEntry] {
        let statement = try connection.cachedStatement(SQLitePostStore.newestSQL)
        try statement.bind(now, at: 1)
        try statement.bind(limit, at: 2)
        return try statement.rows(FeedColumn.entry)
    }
}
