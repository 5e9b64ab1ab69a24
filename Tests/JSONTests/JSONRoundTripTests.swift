import JSON
import Testing

struct JSONRoundTripTests {
    static let values: [JSONValue] = [
        .null, true, false,
        .int(0), .int(-1), .int(.max), .int(.min), .int(1_700_000_000_000),
        .double(0.1), .double(-2.5), .double(123.456), .double(1e21), .double(1e-7), .double(1e-300),
        .double(.greatestFiniteMagnitude), .double(.leastNonzeroMagnitude), .double(-.greatestFiniteMagnitude),
        .double(0.30000000000000004), .double(2.0),
        "", "plain", "Quiñones Haces — libre", "😀👩🏽‍⚖️🇨🇺", "a\u{0}b\u{0}", "\u{0}",
        "quote \" backslash \\ slash / tab \t newline \n return \r", "\u{1}\u{1F}\u{7F}\u{2028}\u{FFFD}",
        [], [1, "two", 3.5, .null, [false, []]],
        .object(JSONObject()),
        ["title": "Free", "tags": ["cuba", "press-freedom"], "image": .null,
         "nested": ["a": ["b": ["c": [1, 2, ["d": "\u{0}"]]]]], "": "empty key", "ключ": "значение"],
    ]

    @Test(arguments: values)
    func valueSurvivesWritingAndParsing(_ value: JSONValue) throws {
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    static let canonicalTexts = [
        #"{"id":12,"title":"Quiñones","tags":["a","b"],"image":null,"score":-1.5,"ok":true}"#,
        #"[-9223372036854775808,9223372036854775807,0,1e+21,1e-07,0.1]"#,
        #"{"a":{"b":{"c":[[],{},""]}}}"#,
        #""\u0000\u001f\"\\/\n""#,
    ]

    @Test(arguments: canonicalTexts)
    func compactTextIsReproducedByteForByte(_ text: String) throws {
        #expect(try JSONValue.parse(text).description == text)
    }

    @Test func minusZeroKeepsItsSign() throws {
        #expect(JSONValue.double(-0.0).description == "-0.0")
        let parsed = try JSONValue.parse(JSONValue.double(-0.0).serialized())
        #expect(parsed.doubleValue?.sign == .minus)
    }

    @Test func everyScalarEscapedOrNotSurvives() throws {
        var scalars = (0..<0x800).compactMap(Unicode.Scalar.init)
        scalars += [0xFFFF, 0x10000, 0x1F600, 0x10FFFF].compactMap(Unicode.Scalar.init)
        let text = String(String.UnicodeScalarView(scalars))
        #expect(try JSONValue.parse(JSONValue.string(text).serialized()) == .string(text))
    }

    @Test func escapedInputParsesToTheSameAsRawInput() throws {
        let escaped = #"["\u00e9\u0000\ud83d\ude00\u2028"]"#
        let raw = "[\"é\\u0000😀\u{2028}\"]"
        #expect(try JSONValue.parse(escaped) == JSONValue.parse(raw))
    }
}
