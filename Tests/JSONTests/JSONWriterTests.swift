import JSON
import Testing

struct JSONWriterTests {
    @Test func placesCommasAcrossNesting() {
        var writer = JSONWriter(capacity: 16)
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.int(2)
        writer.beginObject()
        writer.key("b")
        writer.null()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.endArray()
        writer.key("c")
        writer.beginObject()
        writer.endObject()
        writer.key("d")
        writer.bool(false)
        writer.key("e")
        writer.string("x")
        writer.endObject()
        #expect(text(of: writer) == #"{"a":[1,2,{"b":null},[]],"c":{},"d":false,"e":"x"}"#)
    }

    @Test func rawFragmentsAreValuesWithCommas() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.raw(Array(#"{"x":1}"#.utf8))
        writer.int(2)
        writer.raw(Array("[3]".utf8))
        writer.endArray()
        #expect(text(of: writer) == #"[{"x":1},2,[3]]"#)
    }

    @Test func writesFromBytesWithoutAString() {
        let column = Array("say \"hi\"\n — ¡sí!".utf8)
        let fragment = Array(#"{"cached":true}"#.utf8)
        var writer = JSONWriter()
        writer.beginArray()
        column.withUnsafeBufferPointer { writer.string(utf8: $0) }
        fragment.withUnsafeBytes { writer.raw($0) }
        [UInt8]().withUnsafeBufferPointer { writer.string(utf8: $0) }
        writer.endArray()
        #expect(text(of: writer) == #"["say \"hi\"\n — ¡sí!",{"cached":true},""]"#)
    }

    @Test func resetStartsAFreshDocument() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.int(1)
        writer.reset()
        writer.int(2)
        #expect(text(of: writer) == "2")
    }

    static let escapes: [(String, String)] = [
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("\\", #""\\""#),
        ("/", #""/""#),
        ("\n\t\r\u{8}\u{C}", #""\n\t\r\b\f""#),
        ("\u{0}", #""\u0000""#),
        ("\u{1}\u{1A}\u{1F}", #""\u0001\u001a\u001f""#),
        ("\u{7F} \u{2028}", "\"\u{7F} \u{2028}\""),
        ("Quiñones 😀", "\"Quiñones 😀\""),
        ("", #""""#),
    ]

    @Test(arguments: escapes)
    func escapesOnlyWhatJSONRequires(_ input: String, _ expected: String) {
        var writer = JSONWriter()
        writer.string(input)
        #expect(text(of: writer) == expected)
        var keyWriter = JSONWriter()
        keyWriter.beginObject()
        keyWriter.key(input)
        keyWriter.int(1)
        keyWriter.endObject()
        #expect(text(of: keyWriter) == "{\(expected):1}")
    }

    @Test func escapesEveryPositionOfLongStrings() {
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}"]
        for length in 1..<40 {
            for position in 0..<length {
                for special in specials {
                    var characters = Array(repeating: Character("a"), count: length)
                    characters[position] = special
                    if position + 1 < length { characters[position + 1] = "é" }
                    let input = String(characters)
                    var writer = JSONWriter()
                    writer.string(input)
                    #expect(text(of: writer) == referenceEscape(input), "length \(length) position \(position)")
                }
            }
        }
    }

    static let integers: [(Int64, String)] = [
        (0, "0"), (7, "7"), (10, "10"), (-1, "-1"), (-10, "-10"), (1_234_567_890, "1234567890"),
        (.max, "9223372036854775807"), (.min, "-9223372036854775808"),
    ]

    @Test(arguments: integers)
    func writesIntegers(_ value: Int64, _ expected: String) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(text(of: writer) == expected)
        var intWriter = JSONWriter()
        intWriter.int(Int(value))
        #expect(text(of: intWriter) == expected)
    }

    static let doubles: [(Double, String)] = [
        (1.5, "1.5"), (2, "2.0"), (-0.0, "-0.0"), (0.1, "0.1"), (1e21, "1e+21"), (1e-7, "1e-07"),
        (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ]

    @Test(arguments: doubles)
    func writesDoublesNeverNaNOrInfinity(_ value: Double, _ expected: String) throws {
        var writer = JSONWriter()
        writer.beginArray()
        writer.double(value)
        writer.double(value)
        writer.endArray()
        #expect(text(of: writer) == "[\(expected),\(expected)]")
        #expect(throws: Never.self) { try JSONValue.parse(writer.bytes) }
    }

    @Test func valueWritesMembersInStoredOrder() {
        let object = JSONObject([(key: "z", value: 1), (key: "a", value: [true, .null])])
        var writer = JSONWriter()
        writer.beginArray()
        writer.value(.object(object))
        writer.value("s")
        writer.endArray()
        #expect(text(of: writer) == #"[{"z":1,"a":[true,null]},"s"]"#)
    }

    private func referenceEscape(_ input: String) -> String {
        var output = "\""
        for scalar in input.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\u{0}": output += "\\u0000"
            case "\u{1F}": output += "\\u001f"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
