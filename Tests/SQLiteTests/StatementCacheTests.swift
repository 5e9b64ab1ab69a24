import SQLite
import Testing

@Suite struct StatementCacheTests {
    @Test func sameSQLReusesTheStatementResetAndCleared() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        try connection.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
        let first = try connection.cachedStatement(sql)
        try first.bind(2, at: 1)
        #expect(try first.step())
        #expect(first.int(0) == 2)
        #expect(first.isBusy)

        let second = try connection.cachedStatement(sql)
        #expect(first === second)
        #expect(!second.isBusy, "handed out reset")
        #expect(try !second.step(), "bindings cleared: x >= NULL matches nothing")

        let other = try connection.cachedStatement("SELECT x FROM t")
        #expect(other !== second)
    }

    @Test func cachedStatementsRunManyTimes() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        try connection.execute("CREATE TABLE t (x INTEGER, y TEXT)")
        try connection.transaction {
            for index in 0..<1000 {
                let insert = try connection.cachedStatement("INSERT INTO t (x, y) VALUES (?, ?)")
                try insert.bind(index, at: 1)
                try insert.bind("row \(index)", at: 2)
                try insert.execute()
            }
        }
        let sum = try connection.cachedStatement("SELECT sum(x) FROM t").scalarInt64()
        #expect(sum == Int64(999 * 1000 / 2))
    }

    @Test func resetActiveStatementsReleasesSnapshots() throws {
        let directory = try TemporaryDirectory()
        let connection = try directory.connection()
        try connection.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)")
        let statement = try connection.cachedStatement("SELECT x FROM t")
        #expect(try statement.step())
        #expect(statement.isBusy)
        connection.resetActiveStatements()
        #expect(!statement.isBusy)
    }
}
