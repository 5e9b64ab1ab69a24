import JSON

/// A case as the API answers it, tally included: `{"id", "slug", "name", …, "tally": {"total", "by_kind"}, …}`.
extension Case: JSONRendering {
    public static let typicalSize = 2_000

    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.int(id)
        writer.key("slug"); writer.string(slug)
        writer.key("name"); writer.string(name)
        writer.key("country"); writer.string(country)
        writer.key("summary"); writer.string(summary)
        writer.key("description"); writer.string(description)
        writer.key("description_html"); writer.string(descriptionHTML)
        writer.key("status"); writer.string(status.rawValue)
        writer.key("outcome"); if let outcome { writer.string(outcome) } else { writer.null() }
        writer.key("campaign"); if let campaign { writer.string(campaign) } else { writer.null() }
        writer.key("tags"); writer.strings(tags)
        writer.key("action_goal"); if let actionGoal { writer.int(actionGoal) } else { writer.null() }
        writer.key("tally")
        writer.beginObject()
        writer.key("total"); writer.int(tallyTotal)
        writer.key("by_kind")
        writer.beginObject()
        for entry in tallyByKind { writer.key(entry.kind); writer.int(entry.total) }
        writer.endObject()
        writer.endObject()
        writer.key("created_at"); writer.time(createdAt)
        writer.key("updated_at"); writer.time(updatedAt)
        writer.endObject()
    }
}
