import JSON
import Testing

struct JSONValueTests {
    @Test func accessorsAnswerOnlyForTheirKind() {
        let values: [JSONValue] = [.null, true, 3, 2.5, "s", [1], ["k": 1]]
        #expect(values.map(\.isNull) == [true, false, false, false, false, false, false])
        #expect(values.map { $0.boolValue != nil } == [false, true, false, false, false, false, false])
        #expect(values.map { $0.int64Value != nil } == [false, false, true, false, false, false, false])
        #expect(values.map { $0.doubleValue != nil } == [false, false, true, true, false, false, false])
        #expect(values.map { $0.stringValue != nil } == [false, false, false, false, true, false, false])
        #expect(values.map { $0.arrayValue != nil } == [false, false, false, false, false, true, false])
        #expect(values.map { $0.objectValue != nil } == [false, false, false, false, false, false, true])
    }

    static let integralDoubles: [(Double, Int64?)] = [
        (3, 3), (-0.0, 0), (3.5, nil), (0x1p62, 1 << 62), (-0x1p63, .min), (0x1p63, nil),
        (1e300, nil), (.nan, nil), (.infinity, nil), (-.infinity, nil),
    ]

    @Test(arguments: integralDoubles)
    func int64ValueAcceptsOnlyIntegralDoublesInRange(_ value: Double, _ expected: Int64?) {
        #expect(JSONValue.double(value).int64Value == expected)
    }

    @Test func objectSubscriptReplacesAppendsAndRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = "one"
        object["c"] = 3
        object["b"] = nil
        object["missing"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == "one")
        #expect(object.contains("c"))
        #expect(!object.contains("b"))
        #expect(object.index(of: "c") == 1)
        #expect(JSONValue.object(object)["c"] == 3)
    }

    @Test func objectsAreEqualWhateverTheirMemberOrder() {
        let forward: JSONObject = ["a": 1, "b": [true]]
        let backward: JSONObject = ["b": [true], "a": 1]
        #expect(forward == backward)
        #expect(forward != ["a": 1, "b": [false]])
        #expect(forward != ["a": 1])
        #expect(forward != ["a": 1, "c": [true]])
        // Duplicates (never produced by the parser) must not make unequal objects look equal.
        let duplicated = JSONObject([(key: "a", value: 1), (key: "a", value: 1)])
        #expect(duplicated != ["a": 1, "b": 1])
        #expect(JSONObject(["b": 1, "a": 1].sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.int(Int64($0.value))) })
            == ["b": 1, "a": 1])
    }

    @Test func numbersOfDifferentKindsAreNotEqual() {
        #expect(JSONValue.int(1) != JSONValue.double(1))
    }
}
