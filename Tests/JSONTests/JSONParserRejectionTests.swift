import JSON
import Testing

struct JSONParserRejectionTests {
    struct Rejected: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let message: String
        let hint: String?
        let line: Int
        let column: Int

        init(_ text: String, _ message: String, _ hint: String? = nil, line: Int = 1, column: Int) {
            self.init(bytes: Array(text.utf8), message, hint, line: line, column: column)
        }

        init(bytes: [UInt8], _ message: String, _ hint: String? = nil, line: Int = 1, column: Int) {
            self.bytes = bytes
            self.message = message
            self.hint = hint
            self.line = line
            self.column = column
        }

        var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }
    }

    static let structure: [Rejected] = [
        Rejected("", "unexpected end of input", "expected a value", column: 1),
        Rejected("   ", "unexpected end of input", "expected a value", column: 4),
        Rejected("[1] x", "unexpected character 'x'", "expected end of input", column: 5),
        Rejected("{} {}", "unexpected character '{'", "expected end of input", column: 4),
        Rejected("{\"title\": [1,}", "unexpected character '}'", "expected a value", column: 14),
        Rejected("{\"a\": 1,}", "unexpected character '}'", "expected a string key", column: 9),
        Rejected("[1,]", "unexpected character ']'", "expected a value", column: 4),
        Rejected("{\"a\" 1}", "unexpected character '1'", "expected ':'", column: 6),
        Rejected("{\"a\":1 \"b\":2}", "unexpected character '\"'", "expected ',' or '}'", column: 8),
        Rejected("[1 2]", "unexpected character '2'", "expected ',' or ']'", column: 4),
        Rejected("{1:2}", "unexpected character '1'", "expected a string key", column: 2),
        Rejected("{'a':1}", "unexpected character '''", "expected a string key", column: 2),
        Rejected("[", "unexpected end of input", "expected a value", column: 2),
        Rejected("{", "unexpected end of input", "expected a string key", column: 2),
        Rejected("{\"a\":1", "unexpected end of input", "expected ',' or '}'", column: 7),
        Rejected("tru", "unexpected end of input", "expected 'true'", column: 4),
        Rejected("nul1", "unexpected character '1'", "expected 'null'", column: 4),
        Rejected("True", "unexpected character 'T'", "expected a value", column: 1),
        Rejected("undefined", "unexpected character 'u'", "expected a value", column: 1),
        Rejected("é", "unexpected character 'é'", "expected a value", column: 1),
        Rejected("\u{0C}1", "unexpected character U+000C", "expected a value", column: 1),
        Rejected("{\n  \"a\": tru\n}", "unexpected character U+000A", "expected 'true'", line: 2, column: 11),
        Rejected("[\"é\", x]", "unexpected character 'x'", "expected a value", column: 7),
        Rejected("\u{FEFF}[1,]", "unexpected character ']'", "expected a value", column: 4),
        Rejected("{\"x\":1,\"x\":2}", "duplicate key \"x\"", column: 8),
        Rejected("{\"a\":{\"b\\n\":1,\"b\\n\":2}}", "duplicate key \"b\\n\"", column: 15),
        Rejected("{\"é\":1,\"e\u{301}\":2}", "duplicate key \"e\u{301}\"", column: 8),
        Rejected(bytes: [0xFF], "unexpected character byte 0xFF", "expected a value", column: 1),
    ]

    static let numbers: [Rejected] = [
        Rejected("01", "invalid number: unexpected character '1'", "leading zeros are not allowed", column: 2),
        Rejected("-01", "invalid number: unexpected character '1'", "leading zeros are not allowed", column: 3),
        Rejected("1.", "unexpected end of input", "expected a digit after '.'", column: 3),
        Rejected("[1.e5]", "invalid number: unexpected character 'e'", "expected a digit after '.'", column: 4),
        Rejected(".5", "unexpected character '.'", "expected a value", column: 1),
        Rejected("+1", "unexpected character '+'", "expected a value", column: 1),
        Rejected("-", "unexpected end of input", "expected a digit after '-'", column: 2),
        Rejected("-a", "invalid number: unexpected character 'a'", "expected a digit after '-'", column: 2),
        Rejected("1e", "unexpected end of input", "expected a digit in the exponent", column: 3),
        Rejected("1e+", "unexpected end of input", "expected a digit in the exponent", column: 4),
        Rejected("1x", "unexpected character 'x'", "expected end of input", column: 2),
        Rejected("NaN", "unexpected character 'N'", "expected a value", column: 1),
        Rejected("-Infinity", "invalid number: unexpected character 'I'", "expected a digit after '-'", column: 2),
        Rejected("0x10", "unexpected character 'x'", "expected end of input", column: 2),
        Rejected("[1e400]", "number out of range", "too large for a 64-bit floating-point number", column: 2),
        Rejected("-1e400", "number out of range", "too large for a 64-bit floating-point number", column: 1),
    ]

    static let strings: [Rejected] = [
        Rejected("\"abc", "unterminated string", column: 1),
        Rejected("[\"a\\", "unterminated string", column: 2),
        Rejected(bytes: [0x22, 0x61, 0x01, 0x62, 0x22], "unescaped control character U+0001 in string",
                 "control characters must be escaped", column: 3),
        Rejected("\"a\nb\"", "unescaped control character U+000A in string", "control characters must be escaped", column: 3),
        Rejected("\"\\x\"", "invalid escape '\\x'", "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", column: 2),
        Rejected("\"\\'\"", "invalid escape '\\''", "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", column: 2),
        Rejected("\"\\u12\"", "invalid \\u escape", "expected four hexadecimal digits", column: 2),
        Rejected("\"\\u12G4\"", "invalid \\u escape", "expected four hexadecimal digits", column: 2),
        Rejected("\"\\uD800\"", "lone surrogate \\uD800 in string", "a high surrogate must be followed by a low one", column: 2),
        Rejected("\"ab\\uD83D\\u0041\"", "lone surrogate \\uD83D in string", "a high surrogate must be followed by a low one", column: 4),
        Rejected("\"\\uD83D\\uD83D\"", "lone surrogate \\uD83D in string", "a high surrogate must be followed by a low one", column: 2),
        Rejected("\"\\uDC00\"", "lone surrogate \\uDC00 in string", "a low surrogate must follow a high one", column: 2),
        Rejected("\"\\uD800\\u12\"", "invalid \\u escape", "expected four hexadecimal digits", column: 8),
        Rejected(bytes: [0x22, 0x61, 0xFF, 0x62, 0x22], "invalid UTF-8 byte 0xFF in string", column: 3),
        Rejected(bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0 in string", column: 2),
        Rejected(bytes: [0x22, 0xE2, 0x82, 0x22], "invalid UTF-8 byte 0xE2 in string", column: 2),
        Rejected(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 byte 0xED in string", column: 2),
        Rejected(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0xF4 in string", column: 2),
        Rejected(bytes: [0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80 in string", column: 2),
        Rejected(bytes: Array("\"é\\n".utf8) + [0xFF, 0x22], "invalid UTF-8 byte 0xFF in string", column: 5),
    ]

    @Test(arguments: structure + numbers + strings)
    func rejects(_ example: Rejected) throws {
        let error = try #require(parseError(example.bytes))
        #expect(error.message == example.message)
        #expect(error.hint == example.hint)
        #expect(error.line == example.line)
        #expect(error.column == example.column)
        #expect(error.offset >= 0 && error.offset <= example.bytes.count)
    }

    @Test func faultsInLongStringsAreFoundAtEveryAlignment() throws {
        for position in 0..<40 {
            var bytes = Array(("\"" + String(repeating: "a", count: 40) + "\"").utf8)
            bytes[position + 1] = 0x01
            #expect(parseError(bytes)?.column == position + 2)
            bytes[position + 1] = 0xFF
            #expect(parseError(bytes)?.message == "invalid UTF-8 byte 0xFF in string")
            #expect(parseError(bytes)?.column == position + 2)
        }
    }

    @Test func longDuplicateKeysAreShortenedInTheMessage() throws {
        let key = String(repeating: "k", count: 10_000)
        let error = try #require(parseError("{\"\(key)\":1,\"\(key)\":2}"))
        #expect(error.message == "duplicate key \"\(String(repeating: "k", count: 64))…\"")
    }

    @Test func descriptionPutsThePositionBetweenMessageAndHint() throws {
        let error = try #require(parseError("{\"title\": [1,}"))
        #expect(error.description == "unexpected character '}' at line 1, column 14 (expected a value)")
        #expect(error.offset == 13)
        let duplicate = try #require(parseError("{\"x\":1,\n\"x\":2}"))
        #expect(duplicate.description == "duplicate key \"x\" at line 2, column 1")
    }

    @Test func nestingPastTheLimitIsRejectedWhereItStarts() throws {
        let depth = JSONParser.defaultMaxDepth + 1
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(parseError(arrays))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.column == depth)

        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(parseError(objects)?.message == "nesting deeper than 64 levels")
    }

    @Test func depthLimitIsAdjustableButBounded() throws {
        #expect(throws: JSONParseError.self) { try JSONValue.parse("[[1]]", maxDepth: 1) }
        #expect(throws: Never.self) { try JSONValue.parse("[[1]]", maxDepth: 2) }
        let deep = String(repeating: "[", count: 100_000)
        let error = try #require(throws: JSONParseError.self) { try JSONValue.parse(deep, maxDepth: .max) }
        #expect(error.message == "nesting deeper than \(JSONParser.maxDepthLimit) levels")
    }
}
