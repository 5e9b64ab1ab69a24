@testable import SQLite
import Synchronization
import Testing

@Suite struct ExternalChangeTests {
    @Test func commitsOfAnotherConnectionAreReportedAndOurOwnAreNot() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let database = try Database(path: path, readers: 1, changeCheckInterval: .milliseconds(10))
        defer { database.close() }
        try database.exclusive { try $0.execute("CREATE TABLE t (n INTEGER)") }
        let reports = Atomic<Int>(0)
        database.observeExternalChanges { reports.add(1, ordering: .relaxed) }

        // Our own commits, group-committed and exclusive, then at least two checks after them.
        for n in 0..<20 {
            try database.write { try $0.execute("INSERT INTO t VALUES (?)", [.integer(Int64(n))]) }
        }
        try database.exclusive { try $0.execute("INSERT INTO t VALUES (100)") }
        let checks = database.externalChangeChecks
        #expect(eventually { database.externalChangeChecks >= checks + 2 })
        #expect(reports.load(ordering: .relaxed) == 0, "the writer's own commits are not reported")

        // Another connection (as another process would) commits while the writer is idle.
        let other = try Connection(path: path)
        try other.execute("INSERT INTO t VALUES (1000)")
        #expect(eventually { reports.load(ordering: .relaxed) == 1 })

        // Each later commit is reported again; reading on the other connection is not a change.
        #expect(try other.count("t") == 22)
        try other.execute("DELETE FROM t WHERE n = 1000")
        #expect(eventually { reports.load(ordering: .relaxed) == 2 })
        let afterSecond = database.externalChangeChecks
        #expect(eventually { database.externalChangeChecks >= afterSecond + 2 })
        #expect(reports.load(ordering: .relaxed) == 2)
    }

    @Test func onlyTheLatestObserverIsCalled() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let database = try Database(path: path, readers: 1, changeCheckInterval: .milliseconds(10))
        defer { database.close() }
        try database.exclusive { try $0.execute("CREATE TABLE t (n INTEGER)") }
        let first = Atomic<Int>(0)
        let second = Atomic<Int>(0)
        database.observeExternalChanges { first.add(1, ordering: .relaxed) }
        database.observeExternalChanges(nil)
        database.observeExternalChanges { second.add(1, ordering: .relaxed) }
        let other = try Connection(path: path)
        try other.execute("INSERT INTO t VALUES (1)")
        #expect(eventually { second.load(ordering: .relaxed) == 1 })
        #expect(first.load(ordering: .relaxed) == 0)
    }
}
