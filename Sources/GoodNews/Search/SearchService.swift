/// Full-text search over public posts and cases.
public struct SearchService: Sendable {
    let storage: any Storage

    public init(storage: any Storage) { self.storage = storage }

    /// The best `limit` hits for `query`, of one kind or (`kind` nil) both merged by rank, and the time
    /// after which the answer may change without a write (a scheduled post going live).
    public func search(_ query: SearchQuery, kind: SearchHit.Kind?, limit: Int,
                now: Int64) throws -> (hits: [SearchHit], expiresAt: Int64) {
        guard !query.words.isEmpty else { return ([], .max) }
        return try storage.read { tx in
            var hits: [SearchHit] = []
            var expiresAt = Int64.max
            if kind != .case {
                hits += try tx.search.posts(matching: query, now: now, limit: limit)
                expiresAt = try tx.posts.nextPublication(after: now) ?? .max
            }
            if kind != .post {
                hits += try tx.search.cases(matching: query, limit: limit)
            }
            if kind == nil {
                // bm25 scores of two tables are not strictly comparable, but both favour the same
                // things (rare words, short fields, title/name hits): good enough to interleave.
                hits.sort { ($0.rank, $0.kind == .case ? 1 : 0, $0.id) < ($1.rank, $1.kind == .case ? 1 : 0, $1.id) }
                if hits.count > limit { hits.removeLast(hits.count - limit) }
            }
            return (hits, expiresAt)
        }
    }
}
