import JSON
import SQLite

/// A post as JSON, written from one row of `PostJSON.columns`.
enum PostJSON {
    /// The columns `write` expects, for `FROM posts p`. Tags and case slugs come as JSON arrays built by
    /// SQLite in link order: each subquery walks its table's primary key `(post_id, position)`.
    static let columns = """
        p.id, p.slug, p.title, p.summary, p.body, p.status, p.published_at, p.image_url, p.image_caption, \
        p.created_at, p.updated_at, \
        (SELECT json_group_array(t.tag) FROM post_tags t WHERE t.post_id = p.id), \
        (SELECT json_group_array(c.slug) FROM post_cases pc CROSS JOIN cases c ON c.id = pc.case_id \
        WHERE pc.post_id = p.id)
        """
    static let publishedAtColumn: Int32 = 6

    /// Roughly one post of the feed (a summary and a short body), to size buffers.
    static let typicalSize = 3_000

    static func write(_ row: Statement, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.int(row.int64(0))
        writer.key("slug"); writer.text(row, 1)
        writer.key("title"); writer.text(row, 2)
        writer.key("summary"); writer.text(row, 3)
        writer.key("body"); writer.text(row, 4)
        writer.key("status"); writer.text(row, 5)
        writer.key("published_at"); writer.time(row, 6)
        writer.key("tags"); writer.json(row, 11, empty: "[]")
        writer.key("cases"); writer.json(row, 12, empty: "[]")
        writer.key("image")
        if row.isNull(7) {
            writer.null()
        } else {
            writer.beginObject()
            writer.key("url"); writer.text(row, 7)
            writer.key("caption"); writer.optionalText(row, 8)
            writer.endObject()
        }
        writer.key("created_at"); writer.time(row, 9)
        writer.key("updated_at"); writer.time(row, 10)
        writer.endObject()
    }
}
