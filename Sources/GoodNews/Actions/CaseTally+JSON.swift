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
