import Dispatch
import SQLite
import Testing
import Threads

@Suite struct StorageFailureTests {
    @Test func aReadWaitsForAFreeReaderAtMostTheReaderTimeout() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("db.sqlite"), readers: 2, readerTimeout: .milliseconds(50))
        defer { database.close() }
        let lent = DispatchSemaphore(value: 0)
        let giveBack = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<Void, SQLiteError>?>(nil)
        runOnThreads(3) { index in
            if index < 2 {
                // The test holds every reader.
                try? database.read { _ in
                    lent.signal()
                    // Given back when the third read is over, or after 10 s if it never ends.
                    _ = giveBack.wait(timeout: .now() + 10)
                }
            } else {
                lent.wait()
                lent.wait()
                let result: Result<Void, SQLiteError>
                do {
                    try database.read { _ in }
                    result = .success(())
                } catch {
                    result = .failure(error as? SQLiteError ?? SQLiteError(code: .error, message: "\(error)"))
                }
                outcome.withLock { $0 = result }
                giveBack.signal()
                giveBack.signal()
            }
        }
        let result = outcome.withLock { $0 }
        guard case .failure(let error) = result else {
            Issue.record("the read did not time out: \(String(describing: result))")
            return
        }
        #expect(error.isBusy, "busy, so the API answers 503 with Retry-After")
        #expect(error.message.contains("reader"))
        // Readers given back are lent again.
        #expect(try database.read { _ in 1 } == 1)
    }

    /// SQLITE_FULL from a single-row INSERT (no statement journal) rolls the whole transaction
    /// back, taking the batch-mates' work with it: they must hear SQLITE_FULL too, not a generic error.
    @Test func batchMatesOfAWriteThatFillsTheDatabaseGetSQLITE_FULL() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("db.sqlite"), readers: 1)
        defer { database.close() }
        try database.exclusive { connection in
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, data BLOB)")
            // max_page_count is a property of the connection: the writer's, here.
            let pages = try connection.pragmaInt64("page_count")
            try connection.execute("PRAGMA max_page_count = \(pages + 2)")
        }
        let outcomes = Locked<[Int: ResultCode?]>([:])
        runBatched(database, writes: 3) { index in
            // Writes 0 and 2 are small; write 1 needs far more pages than are left.
            let size = index == 1 ? 1 << 20 : 16
            do {
                try database.write { connection in
                    try connection.execute("INSERT INTO t (writer, data) VALUES (?, zeroblob(?))",
                                           [.integer(Int64(index)), .integer(Int64(size))])
                }
                outcomes.withLock { $0[index] = .some(nil) }
            } catch {
                outcomes.withLock { $0[index] = .some((error as? SQLiteError)?.code ?? .internal) }
            }
        }
        let results = outcomes.withLock { $0 }
        #expect(results[1] == .some(.full))
        #expect(results[0] == .some(.full), "write 0 was lost with the transaction write 1 ended")
        #expect(results[2] == .some(nil), "write 2 ran in a fresh transaction")
        let writers = try database.read { try $0.prepare("SELECT writer FROM t").rows { $0.int(0) } }
        #expect(writers == [2])
    }
}
