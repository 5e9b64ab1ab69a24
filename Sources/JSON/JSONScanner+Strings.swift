extension JSONScanner {
    /// Parses the string whose opening quote is at `offset`.
    ///
    /// Runs without escapes are found eight bytes at a time and copied whole. UTF-8 is checked here
    /// (ASCII eight bytes at a time) rather than with `String(validating:)`, whose generic entry point
    /// costs a metadata lookup per string and cannot say where the fault is.
    mutating func parseString() throws(JSONParseError) -> String {
        let quoteOffset = offset
        offset += 1
        var runStart = offset
        var escaped = false
        guard let base = text.baseAddress else { throw error(at: quoteOffset, "unterminated string") }
        while true {
            offset = ByteScan.firstSpecial(base, from: offset, to: text.count)
            guard offset < text.count else { throw error(at: quoteOffset, "unterminated string") }
            let byte = text[offset]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 {
                throw error(at: offset, "unescaped control character \(JSONParseError.scalarName(UInt32(byte))) in string",
                            hint: "control characters must be escaped")
            }
            if !escaped {
                escaped = true
                scratch.removeAll(keepingCapacity: true)
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<offset]))
            try appendEscape(inStringAt: quoteOffset)
            runStart = offset
        }
        let contentRange = quoteOffset + 1 ..< offset
        // Escapes only ever produce whole sequences, so the raw bytes are UTF-8 exactly when the decoded ones are.
        if let invalid = UTF8Validation.firstInvalidOffset(in: contentRange, of: text) {
            throw error(at: invalid, "invalid UTF-8 \(JSONParseError.describe(byteAt: invalid, in: text)) in string")
        }
        offset += 1
        guard escaped else {
            return String(decoding: UnsafeBufferPointer(rebasing: text[contentRange]), as: UTF8.self)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<contentRange.upperBound]))
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the escape whose backslash is at `offset` into `scratch`, and moves past it.
    private mutating func appendEscape(inStringAt quoteOffset: Int) throws(JSONParseError) {
        let escapeOffset = offset
        offset += 1
        guard let letter = current else { throw error(at: quoteOffset, "unterminated string") }
        offset += 1
        let simple: UInt8
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = letter
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            appendUTF8(try unicodeEscape(startingAt: escapeOffset))
            return
        default:
            let shown = letter >= 0x20 && letter < 0x7F
                ? "'\\\(Character(Unicode.Scalar(letter)))'"
                : "'\\' followed by \(JSONParseError.describe(byteAt: escapeOffset + 1, in: text))"
            throw error(at: escapeOffset, "invalid escape \(shown)",
                        hint: "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        scratch.append(simple)
    }

    /// Reads `\uXXXX` (the `\u` already consumed), joining a surrogate pair into one scalar.
    private mutating func unicodeEscape(startingAt escapeOffset: Int) throws(JSONParseError) -> Unicode.Scalar {
        let first = try hexQuad(escapeOffset: escapeOffset)
        switch first {
        case 0xD800...0xDBFF:
            let lowOffset = offset
            guard offset + 1 < text.count, text[offset] == UInt8(ascii: "\\"), text[offset + 1] == UInt8(ascii: "u") else {
                throw loneSurrogate(first, at: escapeOffset)
            }
            offset += 2
            let second = try hexQuad(escapeOffset: lowOffset)
            guard (0xDC00...0xDFFF).contains(second) else { throw loneSurrogate(first, at: escapeOffset) }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        case 0xDC00...0xDFFF:
            throw loneSurrogate(first, at: escapeOffset)
        default:
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        }
    }

    private mutating func hexQuad(escapeOffset: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt32
            switch current {
            case let byte? where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case let byte? where byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case let byte? where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw error(at: escapeOffset, "invalid \\u escape", hint: "expected four hexadecimal digits")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func loneSurrogate(_ value: UInt32, at escapeOffset: Int) -> JSONParseError {
        error(at: escapeOffset, "lone surrogate \\u\(JSONParseError.hex(value, digits: 4)) in string",
              hint: value < 0xDC00 ? "a high surrogate must be followed by a low one" : "a low surrogate must follow a high one")
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        scratch.append(contentsOf: scalar.utf8)
    }
}
