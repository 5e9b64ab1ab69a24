import Migrations
import PostgreSQL
import Synchronization
import Testing

/// The PostgreSQL migrator on databases of their own: the same rules as SQLite's, and an advisory lock so
/// that nodes starting together migrate once.
@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct MigratorTests {
    /// A new empty database and a URL for it; dropped by `drop`.
    final class ScratchDatabase {
        let name = "goodnews_migrator_\(UInt64.random(in: 0...UInt64.max))"
        let url: String

        init() throws {
            let admin = try TestServer.connect()
            defer { admin.close() }
            try admin.execute("CREATE DATABASE \(name)")
            let base = TestServer.url ?? ""
            // postgresql:///postgres?host=… → postgresql:///NAME?host=…
            url = base.replacing("/postgres?", with: "/\(name)?")
        }

        func connect() throws -> Connection { try Connection(url: url) }

        deinit {
            if let admin = try? TestServer.connect() {
                try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                admin.close()
            }
        }
    }

    static let files = [
        Migration(version: 1, name: "posts", sql: "CREATE TABLE posts (id bigint PRIMARY KEY, title text NOT NULL);"),
        Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (post_id bigint REFERENCES posts (id), tag text);"),
    ]

    @Test func appliesOnceThenFindsNothingPending() throws {
        let database = try ScratchDatabase()
        let connection = try database.connect()
        let migrator = Migrator(connection: connection)
        #expect(try migrator.apply(Self.files).map(\.version) == [1, 2])
        #expect(try migrator.apply(Self.files).isEmpty)
        #expect(try migrator.isCurrent(Self.files))
        #expect(try connection.query("SELECT count(*) FROM schema_migrations").scalarInt64() == 2)
    }

    @Test func nodesStartingTogetherMigrateOnce() throws {
        let database = try ScratchDatabase()
        let applied = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        let url = database.url
        runOnThreads(4) { _ in
            do {
                let connection = try Connection(url: url)
                defer { connection.close() }
                let versions = try Migrator(connection: connection).apply(MigratorTests.files).map(\.version)
                applied.withLock { $0 += versions }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(applied.withLock { $0.sorted() } == [1, 2])
    }

    @Test func anEditedAppliedFileIsRefusedAndAFailingOneLeavesNothing() throws {
        let database = try ScratchDatabase()
        let connection = try database.connect()
        let migrator = Migrator(connection: connection)
        try migrator.apply([Self.files[0]])
        let edited = Migration(version: 1, name: "posts", sql: "CREATE TABLE posts (id bigint);")
        #expect(throws: MigrationError.checksumMismatch(file: "0001_posts.sql", applied: Self.files[0].checksum,
                                                         current: edited.checksum)) {
            try migrator.apply([edited])
        }
        let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE half (x int); SELECT nowhere FROM nothing;")
        #expect {
            try migrator.apply([Self.files[0], broken])
        } throws: { error in
            guard case .failed(let file, let code, _) = error as? MigrationError else { return false }
            return file == "0002_broken.sql" && code == "SQLSTATE 42P01"
        }
        #expect(try connection.query("SELECT to_regclass('half') IS NULL").first?.bool(0) == true)
        #expect(try migrator.status([Self.files[0], broken]).map(\.isApplied) == [true, false])
    }
}
