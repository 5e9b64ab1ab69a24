import JSON
import Testing

struct JSONParserAcceptanceTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        let text: String
        let value: JSONValue
        var testDescription: String { text }
    }

    static let accepted: [Accepted] = [
        Accepted(text: "null", value: .null),
        Accepted(text: "true", value: .bool(true)),
        Accepted(text: "false", value: .bool(false)),
        Accepted(text: " \t\r\n0 \n", value: .int(0)),
        Accepted(text: "123", value: .int(123)),
        Accepted(text: "-123", value: .int(-123)),
        Accepted(text: "9223372036854775807", value: .int(.max)),
        Accepted(text: "-9223372036854775808", value: .int(.min)),
        Accepted(text: "9223372036854775808", value: .double(9_223_372_036_854_775_808)),
        Accepted(text: "-9223372036854775809", value: .double(-0x1p63)),
        Accepted(text: "123456789012345678901234567890", value: .double(1.2345678901234568e29)),
        Accepted(text: "1.5", value: .double(1.5)),
        Accepted(text: "1.0", value: .double(1)),
        Accepted(text: "1e3", value: .double(1000)),
        Accepted(text: "1E-2", value: .double(0.01)),
        Accepted(text: "-0.5e+2", value: .double(-50)),
        Accepted(text: "0.1", value: .double(0.1)),
        Accepted(text: "1e-400", value: .double(0)),
        Accepted(text: "1.7976931348623157e308", value: .double(.greatestFiniteMagnitude)),
        Accepted(text: "\"\"", value: .string("")),
        Accepted(text: "\"\\u0041\\u00e9\"", value: .string("Aé")),
        Accepted(text: "\"\\ud83d\\ude00\"", value: .string("😀")),
        Accepted(text: "\"\\uD83D\\uDE00\"", value: .string("😀")),
        Accepted(text: "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", value: .string("\"\\/\u{8}\u{C}\n\r\t")),
        Accepted(text: "\"a\\u0000b\"", value: .string("a\u{0}b")),
        Accepted(text: "\"Quiñones 😀 \u{2028}\"", value: .string("Quiñones 😀 \u{2028}")),
        Accepted(text: "\"\u{7F}\"", value: .string("\u{7F}")),
        Accepted(text: "[]", value: .array([])),
        Accepted(text: "{}", value: .object(JSONObject())),
        Accepted(text: "[ 1 , [ 2 , [ 3 ] ] ]", value: [1, [2, [3]]]),
        Accepted(text: "{\"a\":{\"b\":[true,null,\"x\"]}}", value: ["a": ["b": [true, .null, "x"]]]),
        Accepted(text: "\u{FEFF}{\"bom\":1}", value: ["bom": 1]),
    ]

    @Test(arguments: accepted)
    func accepts(_ example: Accepted) throws {
        #expect(try JSONValue.parse(example.text) == example.value)
    }

    @Test func minusZeroStaysADoubleWithItsSign() throws {
        let value = try JSONValue.parse("-0")
        guard case .double(let number) = value else {
            Issue.record("expected a double, got \(value)")
            return
        }
        #expect(number == 0 && number.sign == .minus)
    }

    @Test func keepsMemberOrder() throws {
        let object = try #require(try JSONValue.parse(#"{"b":1,"a":2,"c":3}"#).objectValue)
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["a"] == .int(2))
        #expect(object["missing"] == nil)
    }

    @Test func parsesEveryInputKind() throws {
        let text = #"{"k":[1,"two"]}"#
        let expected: JSONValue = ["k": [1, "two"]]
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(text.utf8) == expected)
        #expect(try bytes.withUnsafeBytes { buffer in try JSONParser.parse(buffer) } == expected)
        // Not contiguous: copied before parsing.
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
    }

    @Test func manyUniqueKeysAreAcceptedAndDuplicatesFoundPastTheLinearScan() throws {
        let members = (0..<200).map { "\"key\($0)\":\($0)" }
        let object = try #require(try JSONValue.parse("{" + members.joined(separator: ",") + "}").objectValue)
        #expect(object.count == 200)
        #expect(object["key150"] == .int(150))

        let duplicated = members + ["\"key42\":0"]
        let error = try #require(parseError("{" + duplicated.joined(separator: ",") + "}"))
        #expect(error.message == "duplicate key \"key42\"")
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.defaultMaxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try JSONValue.parse(text) }
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(throws: Never.self) { try JSONValue.parse(objects) }
    }

    @Test func longStringsCrossTheWordScanAtEveryAlignment() throws {
        for length in 0..<40 {
            let body = String(repeating: "é", count: length / 2) + String(repeating: "a", count: length)
            #expect(try JSONValue.parse("\"\(body)\"") == .string(body))
            #expect(try JSONValue.parse("\"\(body)\\n\(body)\"") == .string(body + "\n" + body))
        }
    }
}
