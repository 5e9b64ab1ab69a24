/// Writes compact JSON into a byte buffer it owns, placing commas itself.
///
/// Deterministic: no spaces, members in the order written, `/` and non-ASCII left as they are.
/// No stack is needed for commas: a value just written, including a closed container, always
/// needs a comma before the next one, and opening a container or writing a key never does.
/// The writer does not check that keys and values alternate; keep calls balanced.
///
///     var writer = JSONWriter(capacity: 256)
///     writer.beginObject()
///     writer.key("id"); writer.int(12)
///     writer.key("tags"); writer.beginArray(); writer.string("cuba"); writer.endArray()
///     writer.endObject()   // {"id":12,"tags":["cuba"]}
public struct JSONWriter: Sendable {
    /// The JSON text so far.
    public var bytes: [UInt8]
    private var needsComma = false

    /// An empty writer whose buffer has room for `capacity` bytes before it grows.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its capacity, to write another document.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    /// `{`
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key and its colon; the next call writes the member's value.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string value, escaped.
    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// A string value from UTF-8 bytes the caller vouches for (a database column, say), escaped,
    /// without making a `String` first.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        separate()
        appendQuoted(utf8: utf8)
        needsComma = true
    }

    /// An integer value, written digit by digit without allocating.
    public mutating func int(_ value: Int64) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
        needsComma = true
    }

    /// An integer value.
    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// A number in its shortest round-trip form; `null` for NaN and infinities, which JSON cannot hold.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
        needsComma = true
    }

    /// `null`
    public mutating func null() {
        separate()
        appendASCII("null")
        needsComma = true
    }

    /// A value already serialised as JSON, inserted as it is (the caller vouches for it).
    public mutating func raw(_ fragment: [UInt8]) {
        separate()
        bytes.append(contentsOf: fragment)
        needsComma = true
    }

    /// A value already serialised as JSON, from memory the caller keeps alive for the call.
    public mutating func raw(_ fragment: UnsafeRawBufferPointer) {
        separate()
        bytes.append(contentsOf: fragment)
        needsComma = true
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendASCII(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
