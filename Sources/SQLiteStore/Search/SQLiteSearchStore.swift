import GoodNews
import SQLite

/// The full-text queries (shapes and weights from migrations/README.md, "Search"): FTS5 sorts by rank
/// itself and computes `snippet()` only for the rows returned; `CROSS JOIN` keeps the FTS table first.
struct SQLiteSearchStore: SearchStore {
    let connection: Connection
    /// Ranks posts when it can (`PostSearchIndex`); nil, or a query it cannot answer: FTS5 ranks.
    let index: PostSearchIndex?

    /// The columns of both queries.
    private enum Column: Int32, ResultColumn {
        case id, slug, title, publishedAt, rank, snippet
    }

    /// Tokens around the hit in a snippet.
    static let snippetTokens = 12

    private static let postsSQL = """
        SELECT p.id, p.slug, p.title, p.published_at, posts_fts.rank,
               snippet(posts_fts, -1, ?2, ?3, '…', \(snippetTokens))
        FROM posts_fts CROSS JOIN posts p ON p.id = posts_fts.rowid
        WHERE posts_fts MATCH ?1 AND posts_fts.rank MATCH 'bm25(10.0, 4.0, 1.0)'
          AND p.status = 'published' AND p.published_at <= ?4
        ORDER BY posts_fts.rank LIMIT ?5
        """

    private static let casesSQL = """
        SELECT c.id, c.slug, c.name, NULL, cases_fts.rank,
               snippet(cases_fts, -1, ?2, ?3, '…', \(snippetTokens))
        FROM cases_fts CROSS JOIN cases c ON c.id = cases_fts.rowid
        WHERE cases_fts MATCH ?1 AND cases_fts.rank MATCH 'bm25(10.0, 4.0, 1.0, 2.0)'
        ORDER BY cases_fts.rank LIMIT ?4
        """

    /// A ranked post's row and the text its snippet is made from (`FTS5Snippet`, without FTS5's seeks).
    private static let rankedTextSQL = """
        SELECT id, slug, title, published_at, summary, body FROM posts
        WHERE id = ?1 AND status = 'published' AND published_at <= ?2
        """

    static let snippetMaker = FTS5Snippet(open: Array(MarkupEscaping.markOpen.utf8), close: Array(MarkupEscaping.markClose.utf8),
                                          ellipsis: Array("…".utf8), tokenCount: snippetTokens)

    /// Public posts (published, not in the future) holding every word, best first.
    func posts(matching query: SearchQuery, now: Int64, limit: Int) throws -> [SearchHit] {
        guard let match = query.matchExpression else { return [] }
        // A search holds a reader, and there is a snippet tokenizer per reader: FTS5 alone only in theory.
        if let index, let ranked = index.search(query, now: now, limit: limit),
           let hits = try index.withSnippetTokenizer({ try rankedPosts(ranked, now: now, tokenizer: $0) }) {
            return hits
        }
        let statement = try connection.cachedStatement(SQLiteSearchStore.postsSQL)
        try SQLiteSearchStore.bindMatch(match, statement)
        try statement.bind(now, at: 4)
        try statement.bind(limit, at: 5)
        return try statement.rows { SQLiteSearchStore.hit(.post, $0) }
    }

    /// Cases (all are public) holding every word, best first.
    func cases(matching query: SearchQuery, limit: Int) throws -> [SearchHit] {
        guard let match = query.matchExpression else { return [] }
        let statement = try connection.cachedStatement(SQLiteSearchStore.casesSQL)
        try SQLiteSearchStore.bindMatch(match, statement)
        try statement.bind(limit, at: 4)
        return try statement.rows { SQLiteSearchStore.hit(.case, $0) }
    }

    private func rankedPosts(_ ranked: PostSearchIndex.Ranked, now: Int64, tokenizer: FTS5Tokenizer) throws -> [SearchHit] {
        let statement = try connection.cachedStatement(SQLiteSearchStore.rankedTextSQL)
        try statement.bind(now, at: 2)
        var hits: [SearchHit] = []
        hits.reserveCapacity(ranked.hits.count)
        for hit in ranked.hits {
            try statement.bind(hit.key, at: 1)
            defer { statement.reset() }
            guard try statement.step() else { continue }
            let raw = try statement.withTextBytes(2) { title in
                try statement.withTextBytes(4) { summary in
                    try statement.withTextBytes(5) { body in
                        try SQLiteSearchStore.snippetMaker.make([title, summary, body], phrases: ranked.phrases,
                                                                 tokenizer: tokenizer)
                    }
                }
            }
            var snippet: [UInt8] = []
            snippet.reserveCapacity(raw.count + 32)
            raw.withUnsafeBytes { MarkupEscaping.appendEscaped($0, to: &snippet, marks: true) }
            hits.append(SearchHit(kind: .post, id: hit.key, slug: statement.string(Column.slug),
                                  title: statement.string(Column.title), snippet: String(decoding: snippet, as: UTF8.self),
                                  publishedAt: statement.optionalInt64(Column.publishedAt), rank: hit.rank))
        }
        return hits
    }

    private static func bindMatch(_ match: String, _ statement: Statement) throws {
        try statement.bind(match, at: 1)
        try statement.bind(MarkupEscaping.markOpen, at: 2)
        try statement.bind(MarkupEscaping.markClose, at: 3)
    }

    private static func hit(_ kind: SearchHit.Kind, _ row: Statement) -> SearchHit {
        var snippet: [UInt8] = []
        row.withTextBytes(Column.snippet.rawValue) { bytes in
            snippet.reserveCapacity(bytes.count + 32)
            MarkupEscaping.appendEscaped(bytes, to: &snippet, marks: true)
        }
        return SearchHit(kind: kind, id: row.int64(Column.id), slug: row.string(Column.slug),
                         title: row.string(Column.title), snippet: String(decoding: snippet, as: UTF8.self),
                         publishedAt: row.optionalInt64(Column.publishedAt), rank: row.double(Column.rank))
    }
}
