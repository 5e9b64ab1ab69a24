import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct ErrorTests {
    private func connectionWithSchema() throws -> Connection {
        let connection = try TestServer.connect()
        try connection.execute("""
            CREATE TEMP TABLE parent (id int8 PRIMARY KEY, email text UNIQUE, n int4 NOT NULL CHECK (n >= 0));
            CREATE TEMP TABLE child (id int8 PRIMARY KEY, parent_id int8 NOT NULL REFERENCES parent(id));
            INSERT INTO parent (id, email, n) VALUES (1, 'a@example.org', 1);
            """)
        return connection
    }

    private func caught(_ body: () throws -> Void) throws -> PostgreSQLError {
        do {
            try body()
        } catch let error as PostgreSQLError {
            return error
        }
        throw TestFailure("no error")
    }

    @Test func aUniqueViolationIsRecognisableAndKeepsTheValueOut() throws {
        let connection = try connectionWithSchema()
        let sql = "INSERT INTO parent (id, email, n) VALUES ($1, $2, 1)"
        let error = try caught { try connection.execute(sql, [.integer(2), .text("a@example.org")]) }
        #expect(error.state == .uniqueViolation)
        #expect(error.isUniqueViolation)
        #expect(error.isConstraintViolation)
        #expect(.integrityConstraintViolation ~= error.state)
        #expect(error.constraint == "parent_email_key")
        #expect(error.sql == sql)
        #expect(error.description.contains(sql))
        #expect(error.message.contains("parent_email_key"))
        // PostgreSQL's DETAIL says "Key (email)=(a@example.org) already exists": not kept.
        #expect(!error.description.contains("a@example.org"))
        #expect(!error.isConnectionError)
    }

    @Test func otherConstraintsHaveTheirStates() throws {
        let connection = try connectionWithSchema()
        let notNull = try caught { try connection.execute("INSERT INTO parent (id, n) VALUES ($1, $2)", [.integer(5), nil]) }
        #expect(notNull.state == .notNullViolation)
        let check = try caught { try connection.execute("INSERT INTO parent (id, n) VALUES ($1, $2)", [.integer(5), .integer(-7)]) }
        #expect(check.state == .checkViolation)
        #expect(!check.description.contains("-7"))
        let foreignKey = try caught {
            try connection.execute("INSERT INTO child (id, parent_id) VALUES ($1, $2)", [.integer(1), .integer(424_242)])
        }
        #expect(foreignKey.state == .foreignKeyViolation)
        #expect(!foreignKey.description.contains("424242"))
        for error in [notNull, check, foreignKey] { #expect(error.isConstraintViolation) }
    }

    @Test func aSyntaxErrorCarriesItsStateAndSQL() throws {
        let connection = try TestServer.connect()
        let sql = "SELEC 1 FROM nowhere"
        let prepared = try caught { _ = try connection.query(sql) }
        #expect(prepared.state == .syntaxError)
        #expect(.syntaxErrorOrAccessRuleViolation ~= prepared.state)
        #expect(prepared.sql == sql)
        let script = try caught { try connection.execute(sql) }
        #expect(script.state == .syntaxError)
        let missing = try caught { _ = try connection.query("SELECT * FROM no_such_table") }
        #expect(missing.state == .undefinedTable)
        #expect(missing.message.contains("no_such_table"))
    }

    @Test func aValueThatIsNoNumberIsNotEchoed() throws {
        let connection = try TestServer.connect()
        let error = try caught { _ = try connection.query("SELECT $1::int4", [.text("secret-value-123")]) }
        #expect(error.state == .invalidTextRepresentation)
        #expect(error.message.contains("integer"))
        #expect(!error.description.contains("secret-value-123"))
        let outOfRange = try caught { _ = try connection.query("SELECT $1::numeric::int4", [.text("98765432101")]) }
        #expect(.dataException ~= outOfRange.state)
        #expect(!outOfRange.description.contains("98765432101"))
    }

    @Test func aFailedStatementLeavesTheConnectionUsable() throws {
        let connection = try connectionWithSchema()
        _ = try? connection.execute("INSERT INTO parent (id, n) VALUES ($1, 1)", [.integer(1)])
        #expect(!connection.isInTransaction)
        #expect(try connection.count("parent") == 1)
    }
}
