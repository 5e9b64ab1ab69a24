import GoodNews
import PostgreSQL

/// Full-text search with PostgreSQL's own (migrations/postgresql/README.md, "Search"): the stored `search`
/// vectors (GIN-indexed, accent-folded by `unaccent`, title A, summary B, body D), `ts_rank` with its default
/// weights (10 : 4 : 1, as bm25(10, 4, 1) on SQLite), and `ts_headline` only for the rows returned.
/// The user's words go to `goodnews_query` as one bound value (`queryText`), so no input is a syntax error.
/// `rank` is `-ts_rank`: lower is better, as FTS5's bm25, so `SearchService` merges both kinds alike.
struct PostgreSQLSearchStore: SearchStore {
    let connection: Connection

    private enum Column: Int32, ResultColumn {
        case id, slug, title, publishedAt, rank, snippet
    }

    /// Markers that cannot occur in stored text, replaced by `<mark>`/`</mark>` after HTML escaping; about 12
    /// words around the best match, as FTS5's `snippet(…, 12)`.
    static let headlineOptions = "StartSel=\(MarkupEscaping.markOpen), StopSel=\(MarkupEscaping.markClose), "
        + "MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"

    private static let postsSQL = """
        SELECT p.id, p.slug, p.title, p.published_at, p.rank,
               ts_headline('goodnews_search', \(headlineText("p.title || ' ' || p.summary || ' ' || p.body")), p.q, $4)
        FROM (SELECT p.id, p.slug, p.title, p.summary, p.body, p.published_at, -ts_rank(p.search, q) AS rank, q
              FROM posts p, goodnews_query($1) q
              WHERE p.search @@ q AND p.status = 'published' AND p.published_at <= $2
              ORDER BY rank, p.id LIMIT $3) p
        ORDER BY p.rank, p.id
        """

    private static let casesSQL = """
        SELECT c.id, c.slug, c.name, NULL::bigint, c.rank,
               ts_headline('goodnews_search', \(headlineText(
                   "c.name || ' ' || c.summary || ' ' || coalesce(c.campaign, '') || ' ' || c.description")), c.q, $3)
        FROM (SELECT c.id, c.slug, c.name, c.summary, c.campaign, c.description, -ts_rank(c.search, q) AS rank, q
              FROM cases c, goodnews_query($1) q
              WHERE c.search @@ q
              ORDER BY rank, c.id LIMIT $2) c
        ORDER BY c.rank, c.id
        """

    /// ts_headline drops what its parser takes for HTML tags (`<b>`), which the snippet must show as text:
    /// `<` and `>` go in as control characters (which the API refuses in stored text, so none is there) and
    /// are turned back before escaping.
    private static func headlineText(_ expression: String) -> String {
        "translate(\(expression), '<>', chr(1) || chr(2))"
    }

    /// `words` for `goodnews_query`: each word's characters other than letters and digits made spaces (what
    /// FTS5's tokenizer does), the words joined by chr(31).
    static func queryText(_ words: some Sequence<some StringProtocol>) -> String {
        words.map { word in
            String(String.UnicodeScalarView(word.unicodeScalars.map { SearchQuery.isTokenCharacter($0) ? $0 : " " }))
        }.joined(separator: "\u{1F}")
    }

    func posts(matching query: SearchQuery, now: Int64, limit: Int) throws -> [SearchHit] {
        guard !query.words.isEmpty else { return [] }
        return try connection.query(PostgreSQLSearchStore.postsSQL, [
            .text(PostgreSQLSearchStore.queryText(query.words)), .integer(now), .integer(Int64(limit)), .text(PostgreSQLSearchStore.headlineOptions),
        ]).map { PostgreSQLSearchStore.hit(.post, $0) }
    }

    func cases(matching query: SearchQuery, limit: Int) throws -> [SearchHit] {
        guard !query.words.isEmpty else { return [] }
        return try connection.query(PostgreSQLSearchStore.casesSQL, [
            .text(PostgreSQLSearchStore.queryText(query.words)), .integer(Int64(limit)), .text(PostgreSQLSearchStore.headlineOptions),
        ]).map { PostgreSQLSearchStore.hit(.case, $0) }
    }

    private static func hit(_ kind: SearchHit.Kind, _ row: Row) -> SearchHit {
        var snippet: [UInt8] = []
        row.withTextBytes(Column.snippet.rawValue) { bytes in
            let restored = bytes.map { $0 == 1 ? UInt8(ascii: "<") : $0 == 2 ? UInt8(ascii: ">") : $0 }
            snippet.reserveCapacity(restored.count + 32)
            restored.withUnsafeBytes { MarkupEscaping.appendEscaped($0, to: &snippet, marks: true) }
        }
        return SearchHit(kind: kind, id: row.int64(Column.id), slug: row.string(Column.slug),
                         title: row.string(Column.title), snippet: String(decoding: snippet, as: UTF8.self),
                         publishedAt: row.optionalInt64(Column.publishedAt), rank: row.double(Column.rank))
    }
}
