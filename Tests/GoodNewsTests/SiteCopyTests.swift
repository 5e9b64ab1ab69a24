import Foundation
import GoodNews
import Migrations
import PostgreSQL
import SiteCopy
import SQLite
import SQLiteStore
import Testing

/// `goodnews copy` on real parts: an SQLite site made by the importer (the demo file and a few fixtures),
/// copied into a new database of the PostgreSQL test server, then read back on both sides.
@Suite(.enabled(if: TestEngine.isPostgreSQLConfiguredOrRequired))
struct SiteCopyTests {
    static let root = TestServer.repositoryRoot
    static let sqliteMigrations = Result { try Migration.load(directory: root + "/migrations") }
    static let postgreSQLMigrations = Result { try Migration.load(directory: root + "/migrations/postgresql") }
    static let tokenHash = String(repeating: "ab", count: 32)
    static let responseBytes: [UInt8] = [0, 1, 2, 0xFF, 0x7B]

    /// A temporary SQLite site and an empty PostgreSQL database, both removed by `close()`.
    final class Sites {
        let directory: String
        let path: String
        let database: TestEngine.Database
        let target: PostgreSQL.Connection
        /// The id of the post deleted before the copy: the highest SQLite ever gave.
        var deletedPostID: Int64 = 0

        init() throws {
            directory = NSTemporaryDirectory() + "goodnews-copy-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            path = directory + "/site.sqlite"
            database = try TestEngine.Database.create()
            target = try PostgreSQL.Connection(url: database.url)
        }

        /// The demo content, a post whose tags and cases are not in alphabetical order, actions, a token,
        /// an idempotency key, and a deleted post (so `sqlite_sequence` is past every id).
        func makeSite() throws {
            let storage = try SQLiteStorage.open(path: path, migrationsDirectory: root + "/migrations", readers: 2,
                                                 log: { _ in })
            defer { storage.close() }
            let importer = Importer(storage: storage)
            _ = try importer.importFile(atPath: root + "/demo/good-news.json")
            _ = try importer.importJSON(ImportFixtures.document(
                posts: [ImportFixtures.post("ordered", title: "Ordered", body: "Some *Markdown*",
                                            tags: ["zebra", "apple", "mango"], cases: ["case-b", "case-a"]),
                        ImportFixtures.post("to-be-deleted", title: "Deleted")],
                cases: [ImportFixtures.case("case-a", name: "Case A"), ImportFixtures.case("case-b", name: "Case B")],
                actions: [["case": "case-a", "kind": "letter", "count": 250, "country": "CA"],
                          ["case": "case-a", "kind": "email", "count": 50],
                          ["case": "case-b", "kind": "petition", "count": 7, "source": "write-for-rights"]]))
            try storage.write { try $0.tokens.insert(name: "editor", hash: SiteCopyTests.tokenHash, now: 1_700_000_000) }
            deletedPostID = try storage.database.write { connection in
                try connection.execute("""
                    INSERT INTO idempotency_keys (key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?)
                    """, [.text("key-1"), .text(SiteCopyTests.tokenHash), .integer(201),
                          .blob(SiteCopyTests.responseBytes), .integer(1_700_000_000)])
                let id = try connection.prepare("SELECT id FROM posts WHERE slug = 'to-be-deleted'").scalarInt64() ?? 0
                try connection.execute("DELETE FROM posts WHERE id = ?", [.integer(id)])
                return id
            }
        }

        func copy(progress: (Int, Int) -> Void = { _, _ in }) throws -> SiteComparison {
            let source = try SQLite.Connection(path: path, mode: .readOnly)
            defer { source.close() }
            return try SiteCopy(source: source, target: target).run(
                sourceMigrations: try sqliteMigrations.get(), targetMigrations: try postgreSQLMigrations.get(),
                progress: progress)
        }

        /// Rows of a query on the SQLite side, each as text, to compare with the same query on PostgreSQL.
        func sqliteRows(_ sql: String) throws -> [[String]] {
            let source = try SQLite.Connection(path: path, mode: .readOnly)
            defer { source.close() }
            let statement = try source.prepare(sql)
            return try statement.rows { row in (0..<row.columnCount).map { row.string($0) } }
        }

        func postgreSQLRows(_ sql: String) throws -> [[String]] {
            try target.query(sql).map { row in (0..<row.result.columnCount).map { row.string($0) } }
        }

        func close() {
            target.close()
            database.drop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aSiteIsCopiedWithItsIdsOrderAndTallies() throws {
        let sites = try Sites()
        defer { sites.close() }
        try sites.makeSite()
        var reported: [(Int, Int)] = []
        let comparison = try sites.copy { reported.append(($0, $1)) }
        #expect(comparison.matches, "\(comparison)")
        // Every table has its rows: 15 + 1 posts (one deleted), 18 cases, 4 actions, 1 token, 1 key.
        let counts = Dictionary(uniqueKeysWithValues: comparison.lines.map { ($0.name, $0.target) })
        #expect(counts["posts"] == 16)
        #expect(counts["cases"] == 18)
        #expect(counts["actions"] == 4)
        #expect(counts["api_tokens"] == 1)
        #expect(counts["idempotency_keys"] == 1)
        let actionTotal: Int64 = 4000 + 307
        #expect(counts["sum of case_tallies.total"] == actionTotal)
        let total = reported.last?.1 ?? -1
        #expect(reported.first?.0 == 0)
        #expect(reported.last?.0 == total)
        #expect(total == comparison.lines.prefix(8).reduce(0) { $0 + Int($1.source) })

        // The same ids, slugs and rendered HTML on both sides.
        let posts = "SELECT id, slug, body_html, created_at FROM posts ORDER BY id"
        #expect(try sites.postgreSQLRows(posts) == sites.sqliteRows(posts))
        let cases = "SELECT id, slug, description_html FROM cases ORDER BY id"
        #expect(try sites.postgreSQLRows(cases) == sites.sqliteRows(cases))
        // Tags and cases keep the order they were given in.
        #expect(try sites.postgreSQLRows("""
            SELECT t.tag FROM post_tags t JOIN posts p ON p.id = t.post_id WHERE p.slug = 'ordered' ORDER BY t.position
            """) == [["zebra"], ["apple"], ["mango"]])
        #expect(try sites.postgreSQLRows("""
            SELECT c.slug FROM post_cases l JOIN posts p ON p.id = l.post_id JOIN cases c ON c.id = l.case_id
            WHERE p.slug = 'ordered' ORDER BY l.position
            """) == [["case-b"], ["case-a"]])
        // The triggers made the tallies from the copied actions, by kind and country too.
        let tally = "SELECT t.total FROM case_tallies t JOIN cases c ON c.id = t.case_id WHERE c.slug = "
        #expect(try sites.target.query(tally + "'case-a'").scalarInt64() == 300)
        #expect(try sites.target.query(tally + "'roberto-quinones-haces'").scalarInt64() == 4000)
        #expect(try sites.target.query("""
            SELECT sum(k.total)::bigint FROM case_tallies_by_kind k JOIN cases c ON c.id = k.case_id
            WHERE c.slug = 'case-a' AND k.kind = 'letter'
            """).scalarInt64() == 250)
        // Token hashes and idempotency answers, byte for byte.
        #expect(try sites.target.query("SELECT token_hash FROM api_tokens").scalarString() == SiteCopyTests.tokenHash)
        #expect(try sites.target.query("SELECT response FROM idempotency_keys").first?.blob(0) == SiteCopyTests.responseBytes)
        // The next post gets an id past the deleted one: ids are never handed out twice.
        let next = try sites.target.query("""
            INSERT INTO posts (slug, title, created_at, updated_at) VALUES ('after-copy', 'After', 0, 0) RETURNING id
            """).scalarInt64()
        #expect(next == sites.deletedPostID + 1)
    }

    @Test func aTargetThatIsNotEmptyIsRefusedAndKeptAsItWas() throws {
        let sites = try Sites()
        defer { sites.close() }
        try sites.makeSite()
        _ = try sites.copy()
        let before = try sites.postgreSQLRows("SELECT count(*) FROM posts UNION ALL SELECT count(*) FROM actions")
        #expect {
            _ = try sites.copy()
        } throws: { error in
            guard case SiteCopyError.targetNotEmpty(let tables) = error else { return false }
            return tables.contains("posts") && tables.contains("api_tokens")
        }
        #expect(try sites.postgreSQLRows("SELECT count(*) FROM posts UNION ALL SELECT count(*) FROM actions") == before)
        #expect(!sites.target.isInTransaction)
    }

    @Test func aCopyThatDiffersIsRolledBack() throws {
        let sites = try Sites()
        defer { sites.close() }
        try sites.makeSite()
        // A target whose tallies count every action once too often: the comparison must catch it.
        try PostgreSQL.Migrator(connection: sites.target).apply(try SiteCopyTests.postgreSQLMigrations.get())
        try sites.target.execute("""
            CREATE FUNCTION count_twice() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE case_tally_slots SET total = total + NEW.count WHERE case_id = NEW.case_id AND slot = 0;
                RETURN NULL;
            END $$;
            CREATE TRIGGER count_twice AFTER INSERT ON actions FOR EACH ROW EXECUTE FUNCTION count_twice();
            """)
        #expect {
            _ = try sites.copy()
        } throws: { error in
            guard case SiteCopyError.differs(let comparison) = error else { return false }
            let tallies = comparison.lines.first { $0.name == "sum of case_tallies.total" }
            return tallies?.target == 2 * (4000 + 307) && comparison.differingCases.count == 3
                && "\(comparison)".contains("DIFFERS")
        }
        #expect(try sites.target.query("SELECT count(*) FROM posts").scalarInt64() == 0)
        #expect(try sites.target.query("SELECT count(*) FROM cases").scalarInt64() == 0)
    }

    @Test func aFileWithoutEveryMigrationIsRefused() throws {
        let sites = try Sites()
        defer { sites.close() }
        let connection = try SQLite.Connection(path: sites.path)
        try SQLite.Migrator(connection: connection).apply(Array(try SiteCopyTests.sqliteMigrations.get().prefix(4)))
        connection.close()
        #expect {
            _ = try sites.copy()
        } throws: { error in
            guard case SiteCopyError.sourceNotCurrent = error else { return false }
            return true
        }
    }
}
