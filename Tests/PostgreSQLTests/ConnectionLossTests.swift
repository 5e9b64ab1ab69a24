import PostgreSQL
import Testing
import Threads

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct ConnectionLossTests {
    @Test func aTerminatedSessionIsDetectedAndResetRecoversIt() throws {
        let connection = try TestServer.connect()
        let killer = try TestServer.connect()
        let sql = "SELECT $1::int8 + 1"
        #expect(try connection.query(sql, [.integer(1)]).scalarInt64() == 2)
        let before = connection.backendProcessID
        try killer.terminate(connection)

        var caught: PostgreSQLError?
        do {
            _ = try connection.query(sql, [.integer(1)])
        } catch let error as PostgreSQLError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.isConnectionError)
        #expect(error.state == .adminShutdown || .connectionException ~= error.state)
        #expect(!connection.isConnected)

        try connection.reset()
        #expect(connection.isConnected)
        #expect(connection.backendProcessID != before)
        // The cached statement died with the old session; the cache prepares it again.
        #expect(try connection.query(sql, [.integer(1)]).scalarInt64() == 2)
    }

    @Test func aStatementHeldAcrossAResetIsGoneWithTheOldSession() throws {
        let connection = try TestServer.connect()
        let statement = try connection.cachedStatement("SELECT 1")
        try connection.reset()
        #expect {
            try statement.execute()
        } throws: { error in
            (error as? PostgreSQLError)?.state == .invalidStatementName
        }
        #expect(try connection.cachedStatement("SELECT 1").execute().scalarInt64() == 1)
    }

    @Test func aListenerLearnsOfTheLossAndListensAgainAfterReset() throws {
        let listener = try TestServer.connect()
        let other = try TestServer.connect()
        try listener.listen("news")
        try other.terminate(listener)
        let start = ContinuousClock.now
        #expect {
            _ = try listener.nextNotification(timeout: .seconds(10))
        } throws: { error in
            (error as? PostgreSQLError)?.isConnectionError == true
        }
        #expect(elapsed(since: start) < .seconds(10))
        #expect(!listener.isConnected)

        try listener.reset()
        try other.notify("news", payload: "back")
        #expect(try listener.nextNotification(timeout: .seconds(5))?.payload == "back")
    }

    @Test func aPoolResetsALostConnectionForTheNextBorrower() throws {
        let url = try #require(TestServer.url)
        let pool = try ConnectionPool(url: url, count: 1)
        defer { pool.close() }
        let killer = try TestServer.connect()
        let first = try pool.withConnection { $0.backendProcessID }
        try pool.withConnection { try killer.terminate($0) }
        // The borrower that meets the loss gets the error (to answer 503)…
        #expect {
            try pool.withConnection { try $0.query("SELECT 1") }
        } throws: { error in
            (error as? PostgreSQLError)?.isConnectionError == true
        }
        // …and the next one a new session.
        let second = try pool.withConnection { connection throws -> Int32 in
            #expect(try connection.query("SELECT 1").scalarInt64() == 1)
            return connection.backendProcessID
        }
        #expect(second != first)
    }

    @Test func aPoolLendsEachConnectionToOneThreadAtATime() throws {
        let url = try #require(TestServer.url)
        let pool = try ConnectionPool(url: url, count: 2)
        defer { pool.close() }
        let sum = Locked<Int64>(0)
        let failures = Locked(0)
        runOnThreads(6) { thread in
            for index in 0..<50 {
                do {
                    let value = try pool.withConnection { connection in
                        try connection.query("SELECT $1::int8", [.integer(Int64(thread * 1000 + index))]).scalarInt64()
                    }
                    sum.withLock { $0 += value ?? 0 }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let expected = (0..<6).reduce(Int64(0)) { total, thread in
            total + (0..<50).reduce(Int64(0)) { $0 + Int64(thread * 1000 + $1) }
        }
        #expect(sum.withLock { $0 } == expected)
    }

    @Test func aPoolRollsBackATransactionLeftOpen() throws {
        let url = try #require(TestServer.url)
        let pool = try ConnectionPool(url: url, count: 1)
        defer { pool.close() }
        try pool.withConnection { connection in
            try connection.execute("BEGIN")
            #expect(connection.isInTransaction)
        }
        try pool.withConnection { #expect(!$0.isInTransaction) }
        pool.close()
        #expect(throws: PostgreSQLError.self) { try pool.withConnection { _ in } }
    }
}
