/// One table `goodnews copy` moves from SQLite to PostgreSQL, with its columns named once: the same names on
/// both sides (PostgreSQL's 0001 is SQLite's 0001–0005 in one file), read and written in this order.
///
/// Not copied, on purpose: the tallies (`case_tallies*` on SQLite; `case_tally_slots`, `case_tallies_by_*`
/// on PostgreSQL), which PostgreSQL's triggers on `actions` and `cases` make as the rows go in; the search
/// tables (FTS5 on SQLite, generated `search` columns on PostgreSQL); and `schema_migrations`.
struct CopiedTable: Sendable {
    /// The table's name on both engines (a constant of this file, never input).
    let name: String
    let columns: [String]
    /// The primary key, so rows are read (and get their PostgreSQL positions) in a stable order.
    let key: [String]
    /// True when the table has an `id` identity column on PostgreSQL, whose sequence must move past the
    /// highest id copied.
    let hasIdentity: Bool

    /// Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement; a thousand rows are few
    /// enough round trips (a hundred for 100,000 posts) and a small enough statement.
    var rowsPerInsert: Int { min(1000, 65_535 / columns.count) }

    /// `SELECT <columns> FROM <table> ORDER BY <key>` for the SQLite side.
    var selectSQL: String {
        "SELECT \(columns.joined(separator: ", ")) FROM \(name) ORDER BY \(key.joined(separator: ", "))"
    }

    /// `INSERT INTO <table> (<columns>) VALUES ($1, …), (…)` for `rows` rows: values are always bound.
    func insertSQL(rows: Int) -> String {
        var sql = "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES "
        var parameter = 0
        for row in 0..<rows {
            sql += row == 0 ? "(" : ", ("
            for column in 0..<columns.count {
                parameter += 1
                sql += column == 0 ? "$\(parameter)" : ", $\(parameter)"
            }
            sql += ")"
        }
        return sql
    }
}

extension CopiedTable {
    /// Every copied table, parents before the rows that refer to them (foreign keys are checked per row).
    static let all: [CopiedTable] = [cases, posts, postTags, caseTags, postCases, actions, idempotencyKeys, apiTokens]

    static let cases = CopiedTable(
        name: "cases",
        columns: ["id", "slug", "name", "country", "summary", "description", "description_html", "status",
                  "outcome", "campaign", "action_goal", "created_at", "updated_at"],
        key: ["id"], hasIdentity: true)

    static let posts = CopiedTable(
        name: "posts",
        columns: ["id", "slug", "title", "summary", "body", "body_html", "status", "published_at", "image_url",
                  "image_caption", "created_at", "updated_at"],
        key: ["id"], hasIdentity: true)

    static let postTags = CopiedTable(
        name: "post_tags", columns: ["post_id", "position", "tag"], key: ["post_id", "position"], hasIdentity: false)

    static let caseTags = CopiedTable(
        name: "case_tags", columns: ["case_id", "position", "tag"], key: ["case_id", "position"], hasIdentity: false)

    static let postCases = CopiedTable(
        name: "post_cases", columns: ["post_id", "position", "case_id"], key: ["post_id", "position"],
        hasIdentity: false)

    static let actions = CopiedTable(
        name: "actions", columns: ["id", "case_id", "kind", "count", "country", "source", "created_at"],
        key: ["id"], hasIdentity: true)

    static let idempotencyKeys = CopiedTable(
        name: "idempotency_keys", columns: ["key", "request_hash", "status", "response", "created_at"],
        key: ["key"], hasIdentity: false)

    /// Only the tokens' SHA-256 is stored, so the copied tokens keep working and nothing secret moves.
    static let apiTokens = CopiedTable(
        name: "api_tokens", columns: ["id", "name", "token_hash", "created_at", "last_used_at", "revoked_at"],
        key: ["id"], hasIdentity: true)
}
