import GoodNews
import SQLite

/// The HTML columns beside the Markdown ones (migration 0005): `posts.body_html`, `cases.description_html`.
/// NULL means not rendered yet (a row from before 0005); `RenderedMarkdown.renderPending` fills them.
enum RenderedMarkdownColumns {
    enum Column {
        case postBody, caseDescription

        var table: String { self == .postBody ? "posts" : "cases" }
        var markdown: String { self == .postBody ? "body" : "description" }
        var html: String { markdown + "_html" }
    }

    /// Up to `limit` rows of `column` without HTML: id and Markdown.
    static func pending(_ column: Column, limit: Int, in tx: SQLiteTransaction) throws -> [(Int64, String)] {
        let select = try tx.connection.cachedStatement(
            "SELECT id, \(column.markdown) FROM \(column.table) WHERE \(column.html) IS NULL LIMIT ?")
        try select.bind(Int64(limit), at: 1)
        var rows: [(Int64, String)] = []
        while try select.step() { rows.append((select.int64(0), select.string(1))) }
        return rows
    }

    /// Stores a row's HTML; `updated_at` stays (rendering is not an edit).
    static func store(_ html: String, _ column: Column, of id: Int64, in tx: SQLiteTransaction) throws {
        let update = try tx.connection.cachedStatement("UPDATE \(column.table) SET \(column.html) = ? WHERE id = ?")
        try update.bind(html, at: 1)
        try update.bind(id, at: 2)
        try update.execute()
        tx.changes.content = true
    }
}
