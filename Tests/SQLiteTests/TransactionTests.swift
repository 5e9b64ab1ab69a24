import SQLite
import Testing

@Suite struct TransactionTests {
    struct Boom: Error {}

    private func connection(_ directory: TemporaryDirectory) throws -> Connection {
        let connection = try directory.connection()
        try connection.execute("CREATE TABLE t (x INTEGER)")
        return connection
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let directory = try TemporaryDirectory()
        let connection = try connection(directory)
        #expect(!connection.isInTransaction)
        let rowid = try connection.transaction {
            #expect(connection.isInTransaction)
            try connection.execute("INSERT INTO t VALUES (1)")
            return connection.lastInsertRowID
        }
        #expect(rowid == 1)
        #expect(!connection.isInTransaction)
        #expect(try connection.count("t") == 1)
        let reopened = try directory.connection()
        #expect(try reopened.count("t") == 1)
    }

    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func rollsBackWhenTheBodyThrows(_ kind: TransactionKind) throws {
        let directory = try TemporaryDirectory()
        let connection = try connection(directory)
        #expect(throws: Boom.self) {
            try connection.transaction(kind) {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.count("t") == 0)
    }

    @Test func innerSavepointRollbackKeepsOuterWork() throws {
        let directory = try TemporaryDirectory()
        let connection = try connection(directory)
        try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            try? connection.savepoint {
                try connection.execute("INSERT INTO t VALUES (2)")
                try connection.savepoint {
                    try connection.execute("INSERT INTO t VALUES (3)")
                }
                throw Boom()
            }
            try connection.savepoint {
                try connection.execute("INSERT INTO t VALUES (4)")
                try? connection.savepoint {
                    try connection.execute("INSERT INTO t VALUES (5)")
                    throw Boom()
                }
            }
            // A transaction inside a transaction is a savepoint: it can fail alone.
            try? connection.transaction {
                try connection.execute("INSERT INTO t VALUES (6)")
                throw Boom()
            }
        }
        let values = try connection.prepare("SELECT x FROM t ORDER BY x").rows { $0.int(0) }
        #expect(values == [1, 4])
    }

    @Test func outerRollbackUndoesReleasedSavepoints() throws {
        let directory = try TemporaryDirectory()
        let connection = try connection(directory)
        #expect(throws: Boom.self) {
            try connection.transaction {
                try connection.savepoint { try connection.execute("INSERT INTO t VALUES (1)") }
                throw Boom()
            }
        }
        #expect(try connection.count("t") == 0)
    }

    @Test func changeCounters() throws {
        let directory = try TemporaryDirectory()
        let connection = try connection(directory)
        try connection.execute("INSERT INTO t VALUES (1), (2), (3)")
        #expect(connection.changes == 3)
        try connection.execute("UPDATE t SET x = x + 1 WHERE x > 1")
        #expect(connection.changes == 2)
        #expect(connection.totalChanges == 5)
        try connection.execute("INSERT INTO t VALUES (?)", [.integer(9)])
        #expect(connection.lastInsertRowID == 4)
    }
}
