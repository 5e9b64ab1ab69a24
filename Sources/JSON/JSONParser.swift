/// A strict RFC 8259 parser.
///
/// Accepts exactly one value with optional whitespace around it, and an optional leading UTF-8 BOM.
/// Rejects, with the position of the fault: trailing garbage, invalid UTF-8, unescaped control
/// characters, invalid escapes, lone surrogates (`\uD800` not followed by a low surrogate, or a
/// low one alone), numbers outside the grammar (`01`, `1.`, `.5`, `+1`, `NaN`), numbers too large
/// for a `Double`, duplicate keys in an object, and nesting deeper than `maxDepth`.
/// Never traps on any input: depth is bounded, so is the recursion.
public enum JSONParser {
    /// Nesting depth accepted unless told otherwise; each array or object is one level.
    public static let defaultMaxDepth = 64
    /// The most `maxDepth` can be, so that recursion stays well inside a thread's stack.
    public static let maxDepthLimit = 256

    /// Parses a complete JSON text.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in try parse(buffer: buffer, maxDepth: maxDepth) }
        }.get()
    }

    /// Parses a complete JSON text from raw memory the caller keeps alive for the call.
    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(buffer: buffer.assumingMemoryBound(to: UInt8.self), maxDepth: maxDepth)
    }

    /// Parses a complete JSON text from any byte collection (copied first if not contiguous).
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try parse(buffer: buffer, maxDepth: maxDepth) }
        }
        if let contiguous { return try contiguous.get() }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }

    /// Parses a complete JSON text held in a string.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(text.utf8, maxDepth: maxDepth)
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner(text: buffer, maxDepth: min(max(maxDepth, 1), maxDepthLimit))
        return try scanner.parseDocument()
    }
}

extension JSONValue {
    /// Parses a complete JSON text; see `JSONParser`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(bytes, maxDepth: maxDepth)
    }

    /// Parses a complete JSON text from raw memory; see `JSONParser`.
    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(buffer, maxDepth: maxDepth)
    }

    /// Parses a complete JSON text from any byte collection; see `JSONParser`.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(bytes, maxDepth: maxDepth)
    }

    /// Parses a complete JSON text held in a string; see `JSONParser`.
    public static func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(text, maxDepth: maxDepth)
    }
}
