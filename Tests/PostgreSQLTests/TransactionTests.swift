import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct TransactionTests {
    private func connectionWithTable() throws -> Connection {
        let connection = try TestServer.connect()
        try connection.execute("CREATE TEMP TABLE items (id int8 PRIMARY KEY)")
        return connection
    }

    private func insert(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("INSERT INTO items (id) VALUES ($1)", [.integer(id)])
    }

    @Test func commitKeepsTheWork() throws {
        let connection = try connectionWithTable()
        let value = try connection.transaction(.serializable) {
            #expect(connection.isInTransaction)
            try insert(connection, 1)
            return "done"
        }
        #expect(value == "done")
        #expect(!connection.isInTransaction)
        #expect(try connection.count("items") == 1)
    }

    @Test func aThrowRollsBack() throws {
        let connection = try connectionWithTable()
        #expect(throws: TestFailure.self) {
            try connection.transaction {
                try insert(connection, 1)
                throw TestFailure("abandon")
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.count("items") == 0)
    }

    @Test func aFailedStatementRollsBackTheWholeTransaction() throws {
        let connection = try connectionWithTable()
        try insert(connection, 1)
        #expect(throws: PostgreSQLError.self) {
            try connection.transaction {
                try insert(connection, 2)
                try insert(connection, 1)
            }
        }
        #expect(try connection.count("items") == 1)
    }

    @Test func savepointsNestAndUndoOnlyTheirOwnWork() throws {
        let connection = try connectionWithTable()
        var errors: [any Error] = []
        try connection.transaction {
            try insert(connection, 1)
            try connection.savepoint {
                try insert(connection, 2)
                // A failed statement aborts the transaction; its savepoint recovers it.
                do {
                    try connection.savepoint {
                        try insert(connection, 3)
                        try insert(connection, 1)
                    }
                } catch {
                    errors.append(error)
                }
                try insert(connection, 4)
            }
            // A nested `transaction` is a savepoint too.
            do {
                try connection.transaction {
                    try insert(connection, 5)
                    throw TestFailure("inner")
                }
            } catch {
                errors.append(error)
            }
        }
        #expect((errors.first as? PostgreSQLError)?.state == .uniqueViolation)
        #expect(errors.last is TestFailure)
        let ids = try connection.query("SELECT id FROM items ORDER BY id").map { $0.int64(0) }
        #expect(ids == [1, 2, 4])
    }

    @Test func aSavepointOutsideATransactionIsOne() throws {
        let connection = try connectionWithTable()
        #expect(throws: TestFailure.self) {
            try connection.savepoint {
                try insert(connection, 1)
                throw TestFailure("undo")
            }
        }
        try connection.savepoint { try insert(connection, 2) }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT id FROM items").map { $0.int64(0) } == [2])
    }

    @Test func aSwallowedErrorIsNotACommit() throws {
        let connection = try connectionWithTable()
        #expect {
            try connection.transaction {
                try insert(connection, 1)
                // Caught without a savepoint: PostgreSQL has aborted the transaction.
                _ = try? insert(connection, 1)
            }
        } throws: { error in
            (error as? PostgreSQLError)?.state == .inFailedTransaction
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.count("items") == 0)
    }

    @Test func aSwallowedErrorInASavepointUndoesOnlyIt() throws {
        let connection = try connectionWithTable()
        var caught: (any Error)?
        try connection.transaction {
            try insert(connection, 1)
            do {
                try connection.savepoint {
                    try insert(connection, 2)
                    _ = try? insert(connection, 1)
                }
            } catch {
                caught = error
            }
            try insert(connection, 3)
        }
        #expect((caught as? PostgreSQLError)?.state == .inFailedTransaction)
        #expect(try connection.query("SELECT id FROM items ORDER BY id").map { $0.int64(0) } == [1, 3])
    }
}
