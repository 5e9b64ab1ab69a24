import JSON
import SQLite

/// A case as JSON, written from one row of `CaseJSON.columns`.
enum CaseJSON {
    /// The columns `write` expects, for `FROM cases c`: tags as a JSON array built by SQLite in link order
    /// (primary key `(case_id, position)`), the tally from the trigger-kept tables (schema 0003).
    static let columns = """
        c.id, c.slug, c.name, c.country, c.summary, c.description, c.status, c.outcome, c.campaign, \
        c.action_goal, c.created_at, c.updated_at, \
        (SELECT json_group_array(t.tag) FROM case_tags t WHERE t.case_id = c.id), \
        coalesce((SELECT ct.total FROM case_tallies ct WHERE ct.case_id = c.id), 0), \
        (SELECT json_group_object(k.kind, k.total) FROM case_tallies_by_kind k WHERE k.case_id = c.id)
        """
    static let createdAtColumn: Int32 = 10

    static let typicalSize = 2_000

    static func write(_ row: Statement, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.int(row.int64(0))
        writer.key("slug"); writer.text(row, 1)
        writer.key("name"); writer.text(row, 2)
        writer.key("country"); writer.text(row, 3)
        writer.key("summary"); writer.text(row, 4)
        writer.key("description"); writer.text(row, 5)
        writer.key("status"); writer.text(row, 6)
        writer.key("outcome"); writer.optionalText(row, 7)
        writer.key("campaign"); writer.optionalText(row, 8)
        writer.key("tags"); writer.json(row, 12, empty: "[]")
        writer.key("action_goal"); writer.optionalInt(row, 9)
        writer.key("tally")
        writer.beginObject()
        writer.key("total"); writer.int(row.int64(13))
        writer.key("by_kind"); writer.json(row, 14, empty: "{}")
        writer.endObject()
        writer.key("created_at"); writer.time(row, 10)
        writer.key("updated_at"); writer.time(row, 11)
        writer.endObject()
    }
}
