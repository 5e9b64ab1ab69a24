import JSON

/// One case's live counter: `event: tally` with `data: {"case": slug, "total": N, "by_kind": {…}}`.
public struct TallyEvent: Sendable, Equatable {
    public let caseID: Int64
    public let slug: String
    public let total: Int64
    public let byKind: [(kind: String, total: Int64)]

    public init(caseID: Int64, slug: String, total: Int64, byKind: [(kind: String, total: Int64)]) {
        self.caseID = caseID; self.slug = slug; self.total = total; self.byKind = byKind
    }

    public static func == (a: TallyEvent, b: TallyEvent) -> Bool {
        a.caseID == b.caseID && a.slug == b.slug && a.total == b.total && a.byKind.elementsEqual(b.byKind, by: ==)
    }

    /// The Server-Sent Events block; `id` (the newest action the figures include) sets the client's
    /// Last-Event-ID for a reconnection.
    public func serverSentEvent(id: Int64?) -> [UInt8] {
        var writer = JSONWriter(capacity: 96 + 16 * byKind.count)
        writer.beginObject()
        writer.key("case"); writer.string(slug)
        writer.key("total"); writer.int(total)
        writer.key("by_kind")
        writer.beginObject()
        for entry in byKind { writer.key(entry.kind); writer.int(entry.total) }
        writer.endObject()
        writer.endObject()
        // JSONWriter escapes line breaks inside strings, so the data fits on one `data:` line.
        var out = Array("event: tally\n".utf8)
        if let id { out += Array("id: \(id)\n".utf8) }
        out += Array("data: ".utf8)
        out += writer.bytes
        out += Array("\n\n".utf8)
        return out
    }
}
