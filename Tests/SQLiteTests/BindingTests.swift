import SQLite
import Testing

@Suite struct BindingTests {
    @Test(arguments: [":name", "@name", "$name"])
    func namedParameters(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT \(name), typeof(\(name))")
        try statement.bind("value", named: name)
        #expect(try statement.step())
        #expect(statement.string(0) == "value")
        #expect(statement.string(1) == "text")
    }

    @Test func namedParametersOfEveryKind() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT :i, :d, :t, :b, :n, :o, :v")
        try statement.bind(7, named: ":i")
        try statement.bind(2.5, named: ":d")
        try statement.bind("t", named: ":t")
        try statement.bind([UInt8]([1, 2]), named: ":b")
        try statement.bind(nil, named: ":n")
        let missing: String? = nil
        try statement.bind(missing, named: ":o")
        try statement.bind(Value.integer(9), named: ":v")
        #expect(try statement.step())
        #expect(statement.value(0) == .integer(7))
        #expect(statement.value(1) == .real(2.5))
        #expect(statement.value(2) == .text("t"))
        #expect(statement.value(3) == .blob([1, 2]))
        #expect(statement.value(4) == .null)
        #expect(statement.value(5) == .null)
        #expect(statement.value(6) == .integer(9))
    }

    @Test func indexedParametersAndValueArrays() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?2, ?1, ?3")
        #expect(statement.parameterCount == 3)
        try statement.bind([.text("first"), .integer(2), .null])
        #expect(try statement.step())
        #expect(statement.int64(0) == 2)
        #expect(statement.string(1) == "first")
        #expect(statement.isNull(2))
    }

    @Test func optionalsBindNullOrValue() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?, ?")
        let some: Int64? = 5
        let none: Double? = nil
        try statement.bind(some, at: 1)
        try statement.bind(none, at: 2)
        #expect(try statement.step())
        #expect(statement.optionalInt64(0) == 5)
        #expect(statement.optionalDouble(1) == nil)
    }

    @Test func unknownNameAndIndexAreRangeErrors() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT :known")
        #expect {
            try statement.bind(1, named: ":unknown")
        } throws: { error in
            (error as? SQLiteError)?.code == .range
        }
        #expect {
            try statement.bind(1, at: 2)
        } throws: { error in
            (error as? SQLiteError)?.code == .range && (error as? SQLiteError)?.sql == "SELECT :known"
        }
    }

    @Test func clearBindingsAndResetRerunWithNewValues() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT ?")
        try statement.bind(1, at: 1)
        #expect(try statement.scalarInt64() == 1)
        #expect(try statement.scalarInt64() == 1)  // reset keeps bindings
        statement.clearBindings()
        #expect(try statement.scalarInt64() == nil)
        try statement.bind(2, at: 1)
        #expect(try statement.scalarInt64() == 2)
    }
}
