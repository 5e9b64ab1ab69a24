import Migrations
import SQLite
import Testing

@Suite struct MigrationTests {
    /// A temporary directory holding a `migrations/` folder and a database beside it.
    struct Fixture {
        let directory: TemporaryDirectory
        let migrations: String
        let connection: Connection

        init(_ files: [String: String]) throws {
            directory = try TemporaryDirectory()
            migrations = try directory.makeDirectory("migrations")
            connection = try directory.connection("db.sqlite")
            try connection.configure()
            for (name, sql) in files { try write(name, sql) }
        }

        func write(_ name: String, _ sql: String) throws {
            try directory.write("migrations/" + name, sql)
        }

        func load() throws -> [Migration] { try Migration.load(directory: migrations) }

        func applied() throws -> [Int] {
            try connection.prepare("SELECT version FROM schema_migrations ORDER BY version").rows { $0.int(0) }
        }

        func tables() throws -> [String] {
            try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows { $0.string(0) }
        }
    }

    static let basic = [
        "0001_posts.sql": "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);",
        "0002_cases.sql": """
            CREATE TABLE cases (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id));
            CREATE INDEX cases_post ON cases (post_id);
            """,
        "0003_seed.sql": "INSERT INTO posts (title) VALUES ('first');",
    ]

    @Test func loadsNumberedFilesInOrderAndIgnoresOthers() throws {
        let fixture = try Fixture(Self.basic)
        try fixture.write("README.md", "not a migration")
        try fixture.write("001_too_short.sql", "SELEC")
        try fixture.write("0004_backup.sql.bak", "SELEC")
        try fixture.write("0005.sql", "SELEC")
        let migrations = try fixture.load()
        #expect(migrations.map(\.version) == [1, 2, 3])
        #expect(migrations.map(\.name) == ["posts", "cases", "seed"])
        #expect(migrations.map(\.fileName) == ["0001_posts.sql", "0002_cases.sql", "0003_seed.sql"])
        #expect(migrations[0].sql == Self.basic["0001_posts.sql"])
    }

    @Test func checksumIsHexSHA256OfTheBytes() {
        let migration = Migration(version: 1, name: "abc", sql: "abc")
        #expect(migration.checksum == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(migration.fileName == "0001_abc.sql")
    }

    @Test func freshDatabaseAppliesAllThenRerunIsANoOp() throws {
        let fixture = try Fixture(Self.basic)
        let migrator = Migrator(connection: fixture.connection)
        let first = try migrator.apply(fixture.load())
        #expect(first.map(\.version) == [1, 2, 3])
        #expect(try fixture.applied() == [1, 2, 3])
        #expect(try fixture.tables() == ["cases", "posts", "schema_migrations"])
        #expect(try fixture.connection.count("posts") == 1)

        let second = try migrator.apply(fixture.load())
        #expect(second.isEmpty)
        #expect(try fixture.connection.count("posts") == 1, "the seed did not run twice")
        #expect(try migrator.isCurrent(fixture.load()))
    }

    @Test func newFilesAreAppliedLater() throws {
        let fixture = try Fixture(["0001_posts.sql": Self.basic["0001_posts.sql"]!])
        let migrator = Migrator(connection: fixture.connection)
        try migrator.apply(fixture.load())
        try fixture.write("0002_cases.sql", Self.basic["0002_cases.sql"]!)
        #expect(try !migrator.isCurrent(fixture.load()))
        #expect(try migrator.apply(fixture.load()).map(\.fileName) == ["0002_cases.sql"])
        #expect(try fixture.applied() == [1, 2])
    }

    @Test func editedAppliedFileIsRefusedBeforeAnythingRuns() throws {
        let fixture = try Fixture(["0001_posts.sql": Self.basic["0001_posts.sql"]!])
        let migrator = Migrator(connection: fixture.connection)
        try migrator.apply(fixture.load())
        try fixture.write("0001_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT);")
        try fixture.write("0002_cases.sql", Self.basic["0002_cases.sql"]!)
        #expect {
            try migrator.apply(fixture.load())
        } throws: { error in
            guard case .checksumMismatch(let file, _, _) = error as? MigrationError else { return false }
            return file == "0001_posts.sql" && "\(error)".contains("0001_posts.sql")
        }
        #expect(try fixture.applied() == [1])
        #expect(try !fixture.tables().contains("cases"), "nothing was applied")
        let status = try migrator.status(fixture.load())
        #expect(status.map(\.state.isModifiedOrPending) == [true, true])
        #expect(try !migrator.isCurrent(fixture.load()))
    }

    @Test func failingMigrationIsRolledBackAndNamed() throws {
        let fixture = try Fixture([
            "0001_posts.sql": Self.basic["0001_posts.sql"]!,
            "0002_broken.sql": """
                CREATE TABLE half (id INTEGER PRIMARY KEY);
                INSERT INTO posts (title) VALUES ('partial');
                ALTER TABLE nowhere ADD COLUMN x TEXT;
                """,
            "0003_after.sql": "CREATE TABLE after (id INTEGER);",
        ])
        let migrator = Migrator(connection: fixture.connection)
        #expect {
            try migrator.apply(fixture.load())
        } throws: { error in
            guard case .failed(let file, let code, let message) = error as? MigrationError else { return false }
            return file == "0002_broken.sql" && code == Migrator.code(.error) && message.contains("nowhere")
                && "\(error)".contains("0002_broken.sql")
        }
        #expect(try fixture.applied() == [1], "0001 stays applied; 0002 and 0003 do not")
        #expect(try fixture.tables() == ["posts", "schema_migrations"])
        #expect(try fixture.connection.count("posts") == 0)
        #expect(!fixture.connection.isInTransaction)
    }

    @Test func migrationThatCommitsItselfIsRefused() throws {
        let fixture = try Fixture(["0001_sneaky.sql": "COMMIT; CREATE TABLE sneaky (x);"])
        #expect {
            try Migrator(connection: fixture.connection).apply(fixture.load())
        } throws: { error in
            guard case .failed(let file, _, _) = error as? MigrationError else { return false }
            return file == "0001_sneaky.sql"
        }
        #expect(!fixture.connection.isInTransaction)
    }

    @Test func foreignKeyViolationFailsTheMigration() throws {
        let fixture = try Fixture([
            "0001_posts.sql": Self.basic["0001_posts.sql"]!,
            "0002_orphan.sql": """
                CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id));
                INSERT INTO comments (post_id) VALUES (42);
                """,
        ])
        #expect {
            try Migrator(connection: fixture.connection).apply(fixture.load())
        } throws: { error in
            guard case .failed(let file, let code, _) = error as? MigrationError else { return false }
            return file == "0002_orphan.sql" && code == Migrator.code(.constraintForeignKey)
        }
        #expect(try fixture.applied() == [1])
    }

    @Test func gapIsRefusedNamingTheFiles() throws {
        let fixture = try Fixture([
            "0001_posts.sql": "SELECT 1;",
            "0003_skipped.sql": "SELECT 3;",
        ])
        #expect {
            _ = try fixture.load()
        } throws: { error in
            guard case .gap(let missing, let before, let after) = error as? MigrationError else { return false }
            return missing == 2 && before == "0003_skipped.sql" && after == "0001_posts.sql"
                && "\(error)".contains("0003_skipped.sql")
        }
        #expect(throws: MigrationError.self) { try Fixture(["0002_first.sql": "SELECT 1;"]).load() }
    }

    @Test func duplicateVersionIsRefusedNamingBothFiles() throws {
        let fixture = try Fixture([
            "0001_posts.sql": "SELECT 1;",
            "0002_cases.sql": "SELECT 2;",
            "0002_tags.sql": "SELECT 2;",
        ])
        #expect {
            _ = try fixture.load()
        } throws: { error in
            guard case .duplicateVersion(2, let files) = error as? MigrationError else { return false }
            return files == ["0002_cases.sql", "0002_tags.sql"]
                && "\(error)".contains("0002_cases.sql, 0002_tags.sql")
        }
    }

    @Test func appliedVersionWithoutAFileIsRefused() throws {
        let fixture = try Fixture(Self.basic)
        let migrator = Migrator(connection: fixture.connection)
        try migrator.apply(fixture.load())
        let older = try Array(fixture.load().prefix(2))
        #expect {
            try migrator.apply(older)
        } throws: { error in
            error as? MigrationError == .appliedButMissing(version: 3, name: "seed")
        }
        let status = try migrator.status(older)
        #expect(status.count == 3)
        if case .missingFile = status[2].state {} else { Issue.record("expected missingFile, got \(status[2])") }
        #expect(try !migrator.isCurrent(older))
    }

    @Test func statusListsAppliedWithTimesAndPending() throws {
        let fixture = try Fixture(Self.basic)
        let migrator = Migrator(connection: fixture.connection)
        let all = try fixture.load()
        let before = try migrator.status(all)
        #expect(before.map(\.isApplied) == [false, false, false])
        #expect(try !fixture.tables().contains("schema_migrations"), "status only reads")

        try migrator.apply(Array(all.prefix(2)))
        let status = try migrator.status(all)
        #expect(status.map(\.version) == [1, 2, 3])
        #expect(status.map(\.isApplied) == [true, true, false])
        #expect(status[2].state == .pending)
        for applied in status.prefix(2) {
            let time = try #require(applied.appliedAt)
            #expect(Self.isRFC3339UTC(time), "\(time)")
            #expect(applied.description.contains("applied \(time)"))
        }
        #expect(status[2].description == "0003_seed.sql  pending")
    }

    @Test func migratesThroughTheDatabaseWriter() throws {
        let fixture = try Fixture(Self.basic)
        let database = try Database(path: fixture.directory.file("server.sqlite"), readers: 1)
        let migrations = try fixture.load()
        let applied = try database.exclusive { try Migrator(connection: $0).apply(migrations) }
        #expect(applied.count == 3)
        #expect(try database.read { try Migrator(connection: $0).isCurrent(migrations) })
    }

    /// "2025-01-02T03:04:05.678Z"
    static func isRFC3339UTC(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 24 else { return false }
        let pattern = Array("dddd-dd-ddTdd:dd:dd.dddZ".utf8)
        return zip(bytes, pattern).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (48...57).contains(byte) : byte == expected
        }
    }
}

extension MigrationStatus.State {
    var isModifiedOrPending: Bool {
        switch self {
        case .modified, .pending: true
        default: false
        }
    }
}
