/// One search result, ranked by the engine's relevance, lower is better (bm25 on SQLite, -ts_rank on PostgreSQL).
public struct SearchHit: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case post, `case` }

    public var kind: Kind
    public var id: Int64
    public var slug: String
    /// The post's title or the case's name.
    public var title: String
    /// HTML: escaped text with `<mark>` around the matched words.
    public var snippet: String
    /// Posts only.
    public var publishedAt: Int64?
    public var rank: Double

    public init(kind: Kind, id: Int64, slug: String, title: String, snippet: String, publishedAt: Int64?,
                rank: Double) {
        self.kind = kind; self.id = id; self.slug = slug; self.title = title; self.snippet = snippet
        self.publishedAt = publishedAt; self.rank = rank
    }
}
