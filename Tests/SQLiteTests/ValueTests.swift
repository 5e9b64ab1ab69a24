import SQLite
import Testing

@Suite struct ValueTests {
    static let values: [Value] = [
        .null,
        .integer(0), .integer(Int64.min), .integer(Int64.max), .integer(-1),
        .real(3.141592653589793), .real(-0.5), .real(1e308), .real(Double.leastNonzeroMagnitude),
        .text(""), .text("plain"), .text("Quiñones — ĉu? 🌍 ✊🏽"), .text("a\u{0}b\u{0}"), .text("\u{0}"),
        .blob([]), .blob([0]), .blob([0, 1, 0, 255, 128]), .blob(Array(repeating: 7, count: 100_000)),
    ]

    @Test(arguments: values)
    func valueRoundTrip(_ value: Value) throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        try connection.execute("CREATE TABLE t (v)")
        let insert = try connection.prepare("INSERT INTO t (v) VALUES (?)")
        try insert.bind(value, at: 1)
        try insert.execute()
        let select = try connection.prepare("SELECT v, typeof(v) FROM t")
        #expect(try select.step())
        #expect(select.value(0) == value)
        let expectedType = switch value {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
        #expect(select.string(1) == expectedType)
        #expect(try !select.step())
    }

    @Test func typedTextKeepsEmbeddedNULAndUnicode() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let text = "nul\u{0}inside ünïcödé \u{0}"
        let statement = try connection.prepare("SELECT ?, length(CAST(? AS BLOB))")
        try statement.bind(text, at: 1)
        try statement.bind(text, at: 2)
        #expect(try statement.step())
        #expect(statement.string(0) == text)
        #expect(statement.optionalString(0) == text)
        #expect(statement.int(1) == text.utf8.count)
        let bytes = statement.withTextBytes(0) { Array($0) }
        #expect(bytes == Array(text.utf8))
    }

    @Test func emptyBlobIsNotNull() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?, typeof(?), ?, typeof(?)")
        try statement.bind([UInt8](), at: 1)
        try statement.bind([UInt8](), at: 2)
        try statement.bind(nil, at: 3)
        try statement.bind(nil, at: 4)
        #expect(try statement.step())
        #expect(!statement.isNull(0))
        #expect(statement.blob(0) == [])
        #expect(statement.optionalBlob(0) == [])
        #expect(statement.string(1) == "blob")
        #expect(statement.isNull(2))
        #expect(statement.optionalBlob(2) == nil)
        #expect(statement.string(3) == "null")
    }

    @Test func emptyTextIsNotNull() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?, typeof(?)")
        try statement.bind("", at: 1)
        try statement.bind("", at: 2)
        #expect(try statement.step())
        #expect(statement.optionalString(0) == "")
        #expect(statement.string(1) == "text")
    }

    @Test func typedNumbersAndBools() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?, ?, ?, ?, ?, ?")
        try statement.bind(Int64.min, at: 1)
        try statement.bind(Int.max, at: 2)
        try statement.bind(0.1 + 0.2, at: 3)
        try statement.bind(true, at: 4)
        try statement.bind(false, at: 5)
        try statement.bind(Array("bytes".utf8), at: 6)
        #expect(try statement.step())
        #expect(statement.int64(0) == Int64.min)
        #expect(statement.int(1) == Int.max)
        #expect(statement.double(2) == 0.1 + 0.2)
        #expect(statement.bool(3))
        #expect(!statement.bool(4))
        #expect(statement.int64(3) == 1)
        #expect(statement.blob(5) == Array("bytes".utf8))
        #expect(statement.withBlobBytes(5) { $0.count } == 5)
        #expect(statement.optionalInt64(0) == Int64.min)
        #expect(statement.optionalDouble(2) == 0.1 + 0.2)
    }

    @Test func textBoundFromRawBytes() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?, typeof(?)")
        let bytes: [UInt8] = Array("raw\u{0}text".utf8)
        try bytes.withUnsafeBytes { try statement.bindText(bytes: $0, at: 1) }
        try [UInt8]().withUnsafeBytes { try statement.bindText(bytes: $0, at: 2) }
        #expect(try statement.step())
        #expect(statement.string(0) == "raw\u{0}text")
        #expect(statement.string(1) == "text")
    }

    @Test func columnMetadataAndScalars() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT 42 AS answer, 'x' AS letter, NULL AS missing")
        #expect(statement.columnCount == 3)
        #expect(statement.columnName(0) == "answer")
        #expect(statement.columnName(2) == "missing")
        #expect(try statement.scalarInt64() == 42)
        #expect(try connection.prepare("SELECT NULL").scalarInt64() == nil)
        #expect(try connection.prepare("SELECT 1 WHERE 0").scalarValue() == nil)
        #expect(try connection.prepare("SELECT 'hi'").scalarString() == "hi")
        let rows = try connection.prepare("SELECT value FROM json_each('[1,2,3]')").rows { $0.int(0) }
        #expect(rows == [1, 2, 3])
    }
}
