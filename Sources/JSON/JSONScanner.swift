/// The parser's state: the text, where it is, how deep, and a scratch buffer for escaped strings.
///
/// Recursive descent; `depth` bounds the recursion. Line and column are only computed once
/// something fails, so the happy path just moves `offset`.
struct JSONScanner {
    let text: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var offset = 0
    var depth = 0
    /// Reused for strings with escapes; strings without them are made straight from `text`.
    var scratch: [UInt8] = []

    /// Objects with more members than this check duplicate keys with a set instead of a scan.
    static let linearDuplicateCheckLimit = 12

    init(text: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.text = text
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
            offset = 3
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if offset < text.count {
            throw unexpected(hint: "expected end of input")
        }
        return value
    }

    @inline(__always)
    var current: UInt8? {
        offset < text.count ? text[offset] : nil
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < text.count {
            switch text[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw unexpected(hint: "expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: throw unexpected(hint: "expected a value")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONObject {
        try enterContainer()
        defer { depth -= 1 }
        offset += 1
        skipWhitespace()
        var members: [(key: String, value: JSONValue)] = []
        if current == UInt8(ascii: "}") {
            offset += 1
            return JSONObject(members)
        }
        var seenKeys: Set<String>? = nil
        while true {
            guard current == UInt8(ascii: "\"") else { throw unexpected(hint: "expected a string key") }
            let keyOffset = offset
            let key = try parseString()
            if isDuplicate(key, in: members, seenKeys: &seenKeys) {
                // Messages end up in problem+json bodies: a megabyte key is not echoed back whole.
                let shown = key.count > 64 ? String(key.prefix(64)) + "…" : key
                throw error(at: keyOffset, "duplicate key \(JSONValue.string(shown).description)")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected(hint: "expected ':'") }
            offset += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                offset += 1
                return JSONObject(members)
            default:
                throw unexpected(hint: "expected ',' or '}'")
            }
        }
    }

    /// Scans small objects (cheaper than hashing); switches to a set once an object grows, so a
    /// body with thousands of keys costs linear time, not quadratic.
    private func isDuplicate(_ key: String, in members: [(key: String, value: JSONValue)],
                             seenKeys: inout Set<String>?) -> Bool {
        if members.count < Self.linearDuplicateCheckLimit {
            return members.contains { $0.key == key }
        }
        var keys = seenKeys ?? Set(members.map(\.key))
        seenKeys = nil  // keeps the set uniquely referenced while it grows
        let inserted = keys.insert(key).inserted
        seenKeys = keys
        return !inserted
    }

    mutating func parseArray() throws(JSONParseError) -> [JSONValue] {
        try enterContainer()
        defer { depth -= 1 }
        offset += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if current == UInt8(ascii: "]") {
            offset += 1
            return elements
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                offset += 1
                return elements
            default:
                throw unexpected(hint: "expected ',' or ']'")
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < maxDepth else {
            throw error(at: offset, "nesting deeper than \(maxDepth) levels")
        }
        depth += 1
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard current == byte else { throw unexpected(hint: "expected '\(literal)'") }
            offset += 1
        }
    }

    func error(at offset: Int, _ message: String, hint: String? = nil) -> JSONParseError {
        JSONParseError.at(offset, in: text, message, hint: hint)
    }

    /// "unexpected character 'x'" or "unexpected end of input" at the current offset.
    func unexpected(hint: String) -> JSONParseError {
        guard offset < text.count else { return error(at: offset, "unexpected end of input", hint: hint) }
        let character = JSONParseError.describe(byteAt: offset, in: text)
        return error(at: offset, "unexpected character \(character)", hint: hint)
    }
}
