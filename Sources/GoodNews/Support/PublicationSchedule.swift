import SQLite

/// When the public view of posts changes without a write: the next scheduled post going live.
/// Cached answers over public posts expire then (`AnswerCache.store(expiresAt:)`).
enum PublicationSchedule {
    private static let nextSQL = """
        SELECT min(published_at) FROM posts WHERE status = 'published' AND published_at > ?1
        """

    /// Unix seconds at which the earliest scheduled post becomes public, `Int64.max` when none is.
    static func nextPublication(after now: Int64, on connection: Connection) throws -> Int64 {
        let statement = try connection.cachedStatement(nextSQL)
        try statement.bind(now, at: 1)
        // A post published at second t is public from t on (`published_at <= now`).
        return try statement.scalarInt64() ?? .max
    }
}
