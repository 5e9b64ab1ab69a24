#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SQLite
import Synchronization
import Testing
import Threads

@Suite struct DatabaseTests {
    struct Boom: Error {}

    private func database(_ directory: TemporaryDirectory, readers: Int = 4) throws -> Database {
        let database = try Database(path: directory.file("db.sqlite"), readers: readers)
        try database.exclusive { connection in
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, n INTEGER NOT NULL)")
        }
        return database
    }

    @Test func opensInWALWithDurableWriter() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, readers: 2)
        #expect(database.configurationSummary.contains("journal_mode=wal synchronous=FULL"))
        #expect(database.readerCount == 2)
        let readerSummary = try database.read { try $0.configurationSummary() }
        #expect(readerSummary.contains("journal_mode=wal"))
        #expect(readerSummary.contains("query_only=ON"))
    }

    @Test func readersCannotWrite() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, readers: 1)
        #expect {
            try database.read { try $0.execute("INSERT INTO t (writer, n) VALUES (0, 0)") }
        } throws: { error in
            (error as? SQLiteError).map { .readonly ~= $0.code } ?? false
        }
    }

    @Test func writeReturnsResultsAndErrors() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let id = try database.write { connection in
            try connection.execute("INSERT INTO t (writer, n) VALUES (1, 1)")
            return connection.lastInsertRowID
        }
        #expect(id == 1)
        #expect(throws: Boom.self) {
            try database.write { connection in
                try connection.execute("INSERT INTO t (writer, n) VALUES (1, 2)")
                throw Boom()
            }
        }
        #expect(try database.read { try $0.count("t") } == 1)
    }

    @Test func concurrentReadersAndWritersNeverSeeErrors() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, readers: 4)
        let committed = Atomic<Int>(0)
        let failures = Locked<[String]>([])
        let deadline = now() + 2.0
        runOnThreads(6) { thread in
            do {
                if thread < 2 {
                    var n = 0
                    while now() < deadline {
                        n += 1
                        let value = n
                        _ = try database.write { connection in
                            let insert = try connection.cachedStatement("INSERT INTO t (writer, n) VALUES (?, ?)")
                            try insert.bind(thread, at: 1)
                            try insert.bind(value, at: 2)
                            try insert.execute()
                        }
                        committed.add(1, ordering: .relaxed)
                    }
                } else {
                    var lastSeen: Int64 = 0
                    while now() < deadline {
                        let count = try database.read { connection in
                            try connection.cachedStatement("SELECT count(*) FROM t").scalarInt64() ?? 0
                        }
                        // A reader never goes back in time.
                        if count < lastSeen { throw TestFailure("count went from \(lastSeen) to \(count)") }
                        lastSeen = count
                    }
                }
            } catch {
                failures.withLock { $0.append("thread \(thread): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let writes = committed.load(ordering: .relaxed)
        #expect(writes > 0)
        #expect(try database.read { try $0.count("t") } == Int64(writes))
        let perWriter = try database.read { connection in
            try connection.prepare("SELECT count(*), max(n) FROM t GROUP BY writer").rows { ($0.int(0), $0.int(1)) }
        }
        #expect(perWriter.count == 2)
        for (count, maxN) in perWriter { #expect(count == maxN, "every write of each writer is there") }
    }

    @Test func groupCommitBatchesQueuedWritesAndIsolatesAFailingOne() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let writers = 40
        let before = database.writerStatistics
        let outcomes = Locked<[Int: Result<Int64, SQLiteError>]>([:])
        runBatched(database, writes: writers) { index in
            do {
                let id = try database.write { connection in
                    try connection.execute("INSERT INTO t (writer, n) VALUES (?, 1)", [.integer(Int64(index))])
                    // Writer 13 fails after its insert: only its work is rolled back.
                    if index == 13 { try connection.execute("INSERT INTO t (writer, n) VALUES (0, NULL)") }
                    return connection.lastInsertRowID
                }
                outcomes.withLock { $0[index] = .success(id) }
            } catch {
                let sqliteError = error as? SQLiteError ?? SQLiteError(code: .error, message: "\(error)")
                outcomes.withLock { $0[index] = .failure(sqliteError) }
            }
        }
        let results = outcomes.withLock { $0 }
        #expect(results.count == writers)
        let failed = results.filter { if case .failure = $0.value { true } else { false } }
        #expect(failed.keys.sorted() == [13])
        if case .failure(let error) = results[13] { #expect(error.isNotNullViolation) }
        let rows = try database.read { connection in
            try connection.prepare("SELECT writer FROM t ORDER BY writer").rows { $0.int(0) }
        }
        #expect(rows == (0..<writers).filter { $0 != 13 })
        let after = database.writerStatistics
        let transactions = after.transactions - before.transactions
        #expect(after.jobs - before.jobs == writers + 1)
        #expect(transactions == 2, "the exclusive job, then 40 queued writes in \(transactions - 1) transaction(s)")
    }

    @Test func failedCommitFailsEveryJobInTheBatch() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("db.sqlite"), readers: 1)
        try database.exclusive { connection in
            try connection.execute("""
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (id INTEGER PRIMARY KEY,
                    parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        let outcomes = Locked<[Int: ResultCode?]>([:])
        runBatched(database, writes: 2) { index in
            do {
                // Job 0 is fine on its own; job 1 breaks a deferred foreign key, which only
                // COMMIT checks, so the whole batch fails.
                try database.write { connection in
                    let parent = index == 0 ? 1 : 99
                    if index == 0 { try connection.execute("INSERT INTO parent (id) VALUES (1)") }
                    try connection.execute("INSERT INTO child (parent_id) VALUES (?)", [.integer(Int64(parent))])
                }
                outcomes.withLock { $0[index] = .some(nil) }
            } catch {
                outcomes.withLock { $0[index] = (error as? SQLiteError)?.code }
            }
        }
        let results = outcomes.withLock { $0 }
        #expect(results[0] == .some(.constraintForeignKey))
        #expect(results[1] == .some(.constraintForeignKey))
        #expect(try database.read { try $0.count("child") } == 0)
        #expect(try database.read { try $0.count("parent") } == 0)
    }

    @Test func writeFromInsideAWriteIsRefusedNotDeadlocked() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        #expect {
            try database.write { _ in try database.write { _ in 1 } }
        } throws: { error in
            (error as? SQLiteError)?.code == .misuse
        }
    }

    @Test func exclusiveLeavingATransactionOpenIsRolledBack() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        #expect(throws: SQLiteError.self) {
            try database.exclusive { connection in
                try connection.execute("BEGIN; INSERT INTO t (writer, n) VALUES (1, 1)")
            }
        }
        #expect(try database.read { try $0.count("t") } == 0)
        try database.write { try $0.execute("INSERT INTO t (writer, n) VALUES (2, 2)") }
        #expect(try database.read { try $0.count("t") } == 1)
    }

    @Test func closeDrainsThenRefuses() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        try database.write { try $0.execute("INSERT INTO t (writer, n) VALUES (1, 1)") }
        database.close()
        database.close()
        #expect {
            try database.write { _ in }
        } throws: { error in
            (error as? SQLiteError)?.code == .misuse
        }
        #expect(throws: SQLiteError.self) { try database.read { _ in } }
        let reopened = try Connection(path: directory.file("db.sqlite"), mode: .readOnly)
        #expect(try reopened.count("t") == 1)
    }

    @Test func backupWritesAConsistentCopy() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        try database.write { connection in
            for index in 0..<500 {
                try connection.execute("INSERT INTO t (writer, n) VALUES (?, ?)", [.integer(Int64(index)), .integer(1)])
            }
        }
        try database.backup(to: directory.file("copy.sqlite"))
        let copy = try Connection(path: directory.file("copy.sqlite"), mode: .readOnly)
        #expect(try copy.count("t") == 500)
        #expect(try copy.integrityCheck() == ["ok"])
    }
}
