import SQLite
import Testing

@Suite struct ErrorTests {
    private func connectionWithSchema(_ directory: TemporaryDirectory) throws -> Connection {
        let connection = try directory.connection()
        try connection.configure()
        try connection.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY, email TEXT UNIQUE, n INTEGER NOT NULL CHECK (n >= 0));
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
            INSERT INTO parent (id, email, n) VALUES (1, 'a@example.org', 1);
            """)
        return connection
    }

    @Test func uniqueViolationIsRecognisable() throws {
        let directory = try TemporaryDirectory()
        let connection = try connectionWithSchema(directory)
        let sql = "INSERT INTO parent (email, n) VALUES (?, 1)"
        let insert = try connection.prepare(sql)
        try insert.bind("a@example.org", at: 1)
        var caught: SQLiteError?
        do {
            try insert.execute()
        } catch let error as SQLiteError where error.code ~= .constraint {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.isUniqueViolation)
        #expect(error.isConstraintViolation)
        #expect(error.code == .constraintUnique)
        #expect(error.code.primary == .constraint)
        #expect(error.message.contains("UNIQUE constraint failed: parent.email"))
        #expect(error.sql == sql)
        #expect(!error.description.contains("a@example.org"), "bound values never appear in errors")
    }

    @Test func constraintFamiliesHaveExtendedCodes() throws {
        let directory = try TemporaryDirectory()
        let connection = try connectionWithSchema(directory)
        let cases: [(String, ResultCode, KeyPath<SQLiteError, Bool>)] = [
            ("INSERT INTO parent (id, n) VALUES (1, 1)", .constraintPrimaryKey, \.isPrimaryKeyViolation),
            ("INSERT INTO parent (n) VALUES (NULL)", .constraintNotNull, \.isNotNullViolation),
            ("INSERT INTO parent (n) VALUES (-1)", .constraintCheck, \.isCheckViolation),
            ("INSERT INTO child (parent_id) VALUES (99)", .constraintForeignKey, \.isForeignKeyViolation),
        ]
        for (sql, code, predicate) in cases {
            #expect {
                try connection.execute(sql)
            } throws: { error in
                guard let error = error as? SQLiteError else { return false }
                return error.code == code && error[keyPath: predicate] && .constraint ~= error.code
                    && !error.isUniqueViolation && error.sql == sql
            }
        }
    }

    @Test func syntaxErrorCarriesTheSQL() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        #expect {
            _ = try connection.prepare("SELEC 1")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.code == .error && error.sql == "SELEC 1" && error.message.contains("syntax error")
                && error.description.contains("SELEC 1")
        }
        #expect {
            try connection.execute("CREATE TABLE ok (x); SELEC 2")
        } throws: { error in
            (error as? SQLiteError)?.sql == "CREATE TABLE ok (x); SELEC 2"
        }
    }

    @Test func resultCodePatterns() {
        #expect(ResultCode.constraint ~= .constraintUnique)
        #expect(ResultCode.constraint ~= .constraint)
        #expect(!(ResultCode.constraintUnique ~= .constraintCheck))
        #expect(ResultCode.constraintUnique ~= .constraintUnique)
        #expect(ResultCode.constraintUnique ~= .constraint, "symmetric: `code ~= .constraint` reads naturally")
        #expect(!(ResultCode.busy ~= .constraintUnique))
        #expect(ResultCode.busy ~= .busyTimeout)
        #expect(ResultCode.constraintForeignKey.primary == .constraint)
        #expect(!ResultCode.constraintForeignKey.isPrimary)
        let matched: String = switch ResultCode.constraintNotNull {
        case .busy: "busy"
        case .constraint: "constraint"
        default: "other"
        }
        #expect(matched == "constraint")
    }

    @Test func prepareTakesExactlyOneStatement() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        #expect {
            _ = try connection.prepare("SELECT 1; SELECT 2")
        } throws: { error in
            (error as? SQLiteError)?.code == .misuse
        }
        let commented = try connection.prepare("SELECT 1; -- trailing comment\n  ")
        #expect(try commented.scalarInt64() == 1)
        #expect(throws: SQLiteError.self) { _ = try connection.prepare("   ") }
    }

    @Test func closedConnectionRefusesWorkAndCloseIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        let statement = try connection.prepare("SELECT 1")
        _ = try connection.cachedStatement("SELECT 2")
        connection.close()
        connection.close()
        #expect(connection.isClosed)
        #expect {
            try connection.execute("SELECT 1")
        } throws: { error in
            (error as? SQLiteError)?.code == .misuse
        }
        #expect(throws: SQLiteError.self) { _ = try connection.prepare("SELECT 1") }
        _ = statement  // outlives the connection: finalised later, safely (zombie connection)
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let directory = try TemporaryDirectory()
        #expect {
            _ = try Connection(path: directory.file("absent.sqlite"), mode: .readWrite)
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return .cantOpen ~= error.code && error.message.contains("absent.sqlite")
        }
    }
}
