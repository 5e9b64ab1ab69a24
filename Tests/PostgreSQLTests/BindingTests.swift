import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct BindingTests {
    /// One column of each supported type; binary results (every type has a binary decoding).
    private static let schema = """
        CREATE TEMP TABLE typed (
            id int8 PRIMARY KEY, i4 int4, i2 int2, f8 float8, f4 float4, b bool,
            t text, v varchar, c char(3), bytes bytea)
        """
    private static let insert = "INSERT INTO typed (id, i4, i2, f8, f4, b, t, v, c, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"

    private func typedTable() throws -> Connection {
        let connection = try TestServer.connect()
        try connection.execute(Self.schema)
        return connection
    }

    @Test func everyTypeRoundTripsByIndexAndByName() throws {
        let connection = try typedTable()
        let allBytes = (0...255).map(UInt8.init)
        try connection.execute(Self.insert, [
            .integer(.max), .integer(Int64(Int32.min)), .integer(Int64(Int16.max)), .real(-0.1), .real(1.5),
            .boolean(true), .text("héllo"), .text("wörld"), .text("abc"), .blob(allBytes),
        ])
        let result = try connection.query("SELECT * FROM typed")
        let row = try #require(result.first)
        #expect(row.int64(0) == .max)
        #expect(try row.int64("i4") == Int64(Int32.min))
        #expect(try row.int("i2") == Int(Int16.max))
        #expect(try row.double("f8") == -0.1)
        #expect(try row.double("f4") == 1.5)
        #expect(try row.bool("b"))
        #expect(try row.string("t") == "héllo")
        #expect(try row.string("v") == "wörld")
        #expect(try row.string("c") == "abc")
        #expect(try row.blob("bytes") == allBytes)
        #expect(try row.value("bytes") == .blob(allBytes))
        #expect(try row.value("b") == .boolean(true))
        #expect(try row.value("i2") == .integer(Int64(Int16.max)))
    }

    @Test func nullIsNullForEveryType() throws {
        let connection = try typedTable()
        try connection.execute(Self.insert, [.integer(1), nil, nil, nil, nil, nil, nil, nil, nil, nil])
        let row = try #require(try connection.query("SELECT * FROM typed").first)
        for column in 1..<row.result.columnCount {
            #expect(row.isNull(column), "column \(row.result.columnName(column))")
            #expect(row.value(column) == .null)
            #expect(row.optionalInt64(column) == nil)
            #expect(row.optionalString(column) == nil)
            #expect(row.optionalBlob(column) == nil)
            #expect(row.optionalDouble(column) == nil)
            #expect(row.optionalBool(column) == nil)
            // The plain readers give the zero value, as SQLite's do.
            #expect(row.int64(column) == 0 && row.string(column) == "" && row.blob(column).isEmpty)
        }
        #expect(!row.isNull(0))
    }

    @Test func emptyIsNotNull() throws {
        let connection = try typedTable()
        try connection.execute(Self.insert, [.integer(1), nil, nil, nil, nil, nil, .text(""), nil, nil, .blob([])])
        let row = try #require(try connection.query("SELECT t, bytes FROM typed").first)
        #expect(row.optionalString(0) == "")
        #expect(row.optionalBlob(1) == [])
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64(Int32.max) + 1, .max])
    func int8Boundaries(value: Int64) throws {
        let connection = try TestServer.connect()
        #expect(try connection.query("SELECT $1::int8", [.integer(value)]).scalarInt64() == value)
        // Text form too (numeric columns come back as text).
        #expect(try connection.query("SELECT $1::numeric", [.integer(value)]).scalarString() == String(value))
        #expect(try connection.query("SELECT $1::numeric", [.integer(value)]).scalarInt64() == value)
    }

    @Test(arguments: [0.0, -0.0, 0.1, -1e300, .leastNonzeroMagnitude, .infinity, -.infinity, .nan])
    func float8Values(value: Double) throws {
        let connection = try TestServer.connect()
        let binary = try #require(try connection.query("SELECT $1::float8", [.real(value)]).first).double(0)
        let text = try #require(try connection.query("SELECT $1::float8, now()", [.real(value)]).first).double(0)
        for read in [binary, text] {
            if value.isNaN { #expect(read.isNaN) } else { #expect(read == value && read.sign == value.sign) }
        }
    }

    @Test func anIntegerTooWideForItsParameterIsRefusedByNumber() throws {
        let connection = try TestServer.connect()
        #expect {
            try connection.query("SELECT $1::int4", [.integer(Int64(Int32.max) + 1)])
        } throws: { error in
            guard let error = error as? PostgreSQLError else { return false }
            return error.state == .numericValueOutOfRange && error.message.contains("$1")
                && !error.description.contains("2147483648")
        }
        #expect(throws: PostgreSQLError.self) { try connection.query("SELECT $1::int2", [.integer(40_000)]) }
        #expect(try connection.query("SELECT $1::int2", [.integer(-32_768)]).scalarInt64() == -32_768)
    }

    @Test(arguments: ["", "plain ascii", "héllo wörld", "日本語のテキスト", "emoji 🎉👩🏽‍⚖️", "e\u{301} combining",
                      "עברית right-to-left", "quotes ' \" and \\ backslash", "line\nbreaks\r\ttabs"])
    func textRoundTripsExactly(text: String) throws {
        let connection = try typedTable()
        try connection.execute("INSERT INTO typed (id, t, v) VALUES (1, $1, $2)", [.text(text), .text(text)])
        let row = try #require(try connection.query("SELECT t, v, length(t) FROM typed").first)
        #expect(row.string(0) == text)
        #expect(row.string(1) == text)
        #expect(row.withTextBytes(0) { Array($0) } == Array(text.utf8))
        #expect(row.int64(2) == Int64(text.unicodeScalars.count))
    }

    @Test func largeTextAndBytesRoundTrip() throws {
        let connection = try typedTable()
        let text = String(repeating: "Good news, every day. ✓ ", count: 50_000)
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try connection.execute("INSERT INTO typed (id, t, bytes) VALUES (1, $1, $2)", [.text(text), .blob(bytes)])
        let row = try #require(try connection.query("SELECT t, bytes FROM typed").first)
        #expect(row.string(0) == text)
        #expect(row.blob(1) == bytes)
        // The same through the text format (a timestamptz column forces it), bytea as hex.
        let textRow = try #require(try connection.query("SELECT t, bytes, now() FROM typed").first)
        #expect(textRow.string(0) == text)
        #expect(textRow.blob(1) == bytes)
    }

    @Test func textWithNULIsRefusedWithoutTheValue() throws {
        let connection = try TestServer.connect()
        let text = "secret\u{0}tail"
        for sql in ["SELECT $1::text", "SELECT $1::jsonb"] {
            #expect {
                try connection.query(sql, [.text(text)])
            } throws: { error in
                guard let error = error as? PostgreSQLError else { return false }
                return error.state == .characterNotInRepertoire && !error.description.contains("secret")
            }
        }
    }

    @Test func valuesOfOtherTypesTravelAsText() throws {
        let connection = try TestServer.connect()
        let result = try connection.query(
            "SELECT $1::numeric * 2 AS n, $2::timestamptz AS at, $3::jsonb AS doc, $4::bool AS yes, $5::numeric AS f",
            [.integer(21), .text("2024-05-01T12:00:00Z"), .text(#"{"a": [1, 2]}"#), .text("true"), .real(2.5)])
        let row = try #require(result.first)
        #expect(try row.int64("n") == 42)
        #expect(try row.string("at").hasPrefix("2024-05-01"))
        #expect(try row.string("doc") == #"{"a": [1, 2]}"#)
        #expect(try row.bool("yes"))
        #expect(try row.double("f") == 2.5)
    }

    @Test func binaryColumnsReadAsText() throws {
        let connection = try TestServer.connect()
        let row = try #require(try connection.query(
            "SELECT 7::int4, 2.5::float8, true, '\\x00ff'::bytea, 0.1::float4").first)
        #expect(row.string(0) == "7")
        #expect(row.string(1) == "2.5")
        #expect(row.string(2) == "t")
        #expect(row.string(3) == "\\x00ff")
        #expect(row.string(4) == "0.1")
        #expect(row.double(0) == 7)
        #expect(row.int64(1) == 2)
    }

    @Test func typedBindsAndOptionals() throws {
        let connection = try typedTable()
        let statement = try connection.cachedStatement(Self.insert)
        try statement.bind(1, at: 1)
        try statement.bind(Int?.none, at: 2)
        try statement.bind(Optional(7), at: 3)
        try statement.bind(2.25, at: 4)
        try statement.bind(false, at: 6)
        try statement.bind("typed", at: 7)
        try statement.bind([UInt8]([1, 2, 3]), at: 10)
        #expect(try statement.execute().affectedRows == 1)
        let row = try #require(try connection.query("SELECT * FROM typed").first)
        #expect(try row.optionalInt64("i4") == nil)
        #expect(try row.int64("i2") == 7)
        #expect(try row.double("f8") == 2.25)
        #expect(try row.isNull("f4"))
        #expect(try row.optionalBool("b") == false)
        #expect(try row.string("t") == "typed")
        #expect(try row.blob("bytes") == [1, 2, 3])
    }

    @Test func misbindingsAreRefused() throws {
        let connection = try TestServer.connect()
        let statement = try connection.cachedStatement("SELECT $1::text, $2::int8")
        #expect(statement.parameterCount == 2)
        #expect(throws: PostgreSQLError.self) { try statement.bind("x", at: 0) }
        #expect(throws: PostgreSQLError.self) { try statement.bind("x", at: 3) }
        #expect(throws: PostgreSQLError.self) { try statement.bind([UInt8]([1]), at: 1) }
        #expect(throws: PostgreSQLError.self) { try statement.bind([.text("too few")]) }
        // Unbound parameters are NULL.
        let row = try #require(try statement.execute().first)
        #expect(row.isNull(0) && row.isNull(1))
    }

    @Test func anUnknownColumnNameThrows() throws {
        let connection = try TestServer.connect()
        let result = try connection.query("SELECT 1 AS one, 2 AS \"Two\"")
        let row = try #require(result.first)
        #expect(try row.int64("one") == 1)
        #expect(try row.int64("\"Two\"") == 2)
        #expect(result.columnName(1) == "Two")
        #expect {
            try row.int64("three")
        } throws: { error in
            (error as? PostgreSQLError)?.state == .undefinedColumn
        }
    }

    @Test func rowsComeInOrder() throws {
        let connection = try TestServer.connect()
        let result = try connection.query("SELECT n, 'item ' || n FROM generate_series(1, $1::int4) AS n", [.integer(500)])
        #expect(result.rowCount == 500)
        #expect(result.affectedRows == 500)
        #expect(result.map { $0.int64(0) } == Array(1...500))
        #expect(result.rows.map { $0.string(1) }.last == "item 500")
        #expect(try connection.query("SELECT 1 WHERE false").first == nil)
    }
}
