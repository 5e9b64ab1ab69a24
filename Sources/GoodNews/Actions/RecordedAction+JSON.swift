import JSON

/// `{"action": {"id", "case", "kind", "count", "country", "source", "created_at"}, "tally": {…}}`.
extension RecordedAction: JSONRendering {
    public static let typicalSize = 512

    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("action")
        writer.beginObject()
        writer.key("id"); writer.int(id)
        writer.key("case"); writer.string(caseSlug)
        writer.key("kind"); writer.string(input.kind.rawValue)
        writer.key("count"); writer.int(input.count)
        writer.key("country"); if let country = input.country { writer.string(country) } else { writer.null() }
        writer.key("source"); if let source = input.source { writer.string(source) } else { writer.null() }
        writer.key("created_at"); writer.time(createdAt)
        writer.endObject()
        writer.key("tally")
        writer.beginObject()
        tally.writeMembers(into: &writer)
        writer.endObject()
        writer.endObject()
    }
}
