import JSON

/// A model the API writes as one JSON value, with the `JSONWriter` (no intermediate values).
public protocol JSONRendering: Sendable {
    /// About one item's bytes, to size a writer's buffer once.
    static var typicalSize: Int { get }
    func write(to writer: inout JSONWriter)
}

extension JSONRendering {
    /// The item alone, as an answer's body.
    public var json: [UInt8] {
        var writer = JSONWriter(capacity: Self.typicalSize)
        write(to: &writer)
        return writer.bytes
    }
}

extension ListPage where Item: JSONRendering {
    /// `{"data":[…],"next_cursor":…}`.
    public var json: [UInt8] {
        var writer = JSONWriter(capacity: 64 + items.count * Item.typicalSize)
        writer.beginObject()
        writer.key("data")
        writer.beginArray()
        for item in items { item.write(to: &writer) }
        writer.endArray()
        writer.key("next_cursor")
        if let nextCursor { writer.string(nextCursor) } else { writer.null() }
        writer.endObject()
        return writer.bytes
    }
}

extension JSONWriter {
    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}
