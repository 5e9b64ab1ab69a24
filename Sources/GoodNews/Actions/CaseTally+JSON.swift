import JSON

extension CaseTally {
    /// `"total":N,"by_kind":{…},"by_country":{…}` as members of the object being written.
    func writeMembers(into writer: inout JSONWriter, countries: Bool = true) {
        writer.key("total"); writer.int(total)
        writer.key("by_kind")
        writer.beginObject()
        for entry in byKind { writer.key(entry.kind); writer.int(entry.total) }
        writer.endObject()
        guard countries else { return }
        writer.key("by_country")
        writer.beginObject()
        for entry in byCountry { writer.key(entry.country); writer.int(entry.total) }
        writer.endObject()
    }
}

/// The 201 of `POST /v1/cases/{ref}/actions`.
enum ActionJSON {
    static func created(id: Int64, input: ActionInput, target: ActionTarget, createdAt: Int64,
                        tally: CaseTally) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + 24 * tally.byCountry.count)
        writer.beginObject()
        writer.key("action")
        writer.beginObject()
        writer.key("id"); writer.int(id)
        writer.key("case"); writer.string(target.slug)
        writer.key("kind"); writer.string(input.kind.rawValue)
        writer.key("count"); writer.int(input.count)
        writer.key("country"); if let country = input.country { writer.string(country) } else { writer.null() }
        writer.key("source"); if let source = input.source { writer.string(source) } else { writer.null() }
        writer.key("created_at"); time(createdAt, into: &writer)
        writer.endObject()
        writer.key("tally")
        writer.beginObject()
        tally.writeMembers(into: &writer)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}

extension ActionJSON {
    /// An RFC 3339 string for Unix seconds (or null), written without an intermediate String.
    static func time(_ seconds: Int64?, into writer: inout JSONWriter) {
        guard let seconds else { return writer.null() }
        var text: [UInt8] = [UInt8(ascii: "\"")]
        text.reserveCapacity(22)
        Timestamp(seconds: seconds).appendRFC3339(to: &text)
        text.append(UInt8(ascii: "\""))
        writer.raw(text)
    }
}
