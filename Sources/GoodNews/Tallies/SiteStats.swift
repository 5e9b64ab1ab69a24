import JSON
import SQLite

/// `GET /v1/stats`: totals across the site.
struct SiteStats: Sendable, Equatable {
    /// Posts the public can see: published, and not scheduled for later.
    var postsPublished: Int64 = 0
    var casesActive: Int64 = 0
    var casesResolved: Int64 = 0
    var casesClosed: Int64 = 0
    var actionsTotal: Int64 = 0
    /// When the next scheduled post goes public (the answer is stale from then on), if any.
    var nextPublication: Int64?

    /// Reads every figure from one snapshot: index-only counts and the tally table, no scan of actions.
    static func read(from database: Database, now: Int64) throws -> SiteStats {
        try database.read { connection in
            try connection.transaction(.deferred) {
                var stats = SiteStats()
                let posts = try connection.cachedStatement(
                    "SELECT count(*) FROM posts WHERE status = 'published' AND published_at <= ?")
                try posts.bind(now, at: 1)
                stats.postsPublished = try posts.scalarInt64() ?? 0
                let next = try connection.cachedStatement(
                    "SELECT min(published_at) FROM posts WHERE status = 'published' AND published_at > ?")
                try next.bind(now, at: 1)
                stats.nextPublication = try next.scalarInt64()
                let cases = try connection.cachedStatement("SELECT status, count(*) FROM cases GROUP BY status")
                for (status, count) in try cases.rows({ ($0.string(0), $0.int64(1)) }) {
                    switch status {
                    case "active": stats.casesActive = count
                    case "resolved": stats.casesResolved = count
                    case "closed": stats.casesClosed = count
                    default: break
                    }
                }
                stats.actionsTotal = try connection.cachedStatement(
                    "SELECT coalesce(sum(total), 0) FROM case_tallies").scalarInt64() ?? 0
                return stats
            }
        }
    }

    var json: [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("posts_published"); writer.int(postsPublished)
        writer.key("cases")
        writer.beginObject()
        writer.key("active"); writer.int(casesActive)
        writer.key("resolved"); writer.int(casesResolved)
        writer.key("closed"); writer.int(casesClosed)
        writer.endObject()
        writer.key("actions_total"); writer.int(actionsTotal)
        writer.endObject()
        return writer.bytes
    }
}
