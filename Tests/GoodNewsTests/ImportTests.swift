import Foundation
@testable import API
import GoodNews
import JSON
import SQLite
import Testing

@Suite("Import")
struct ImportTests {
    @Test(.enabled(if: TestEngine.isSQLite)) func theDemoFileImportsCleanly() throws {
        let server = try TestServer()
        defer { server.stop() }
        let importer = Importer(storage: server.storage)
        #expect(try importer.isEmpty())
        let summary = try importer.importFile(atPath: TestServer.repositoryRoot + "/demo/good-news.json")
        #expect(summary == ImportSummary(posts: 15, cases: 16, actions: 1))
        #expect(summary.description == "imported 15 posts, 16 cases, 1 action")
        #expect(try !importer.isEmpty())
        let (total, links) = try server.database.read { connection in
            (try connection.prepare("""
                SELECT t.total FROM case_tallies t JOIN cases c ON c.id = t.case_id WHERE c.slug = 'roberto-quinones-haces'
                """).scalarInt64(),
             try connection.prepare("SELECT count(*) FROM post_cases").scalarInt64())
        }
        #expect(total == 4000)
        #expect((links ?? 0) > 0)
        // The imported content is searchable and in the feed.
        let hits = try server.get("/v1/search?q=quinones").json()["data"]?.arrayValue ?? []
        #expect(hits.contains { $0["slug"] == "roberto-quinones-haces-released" })
        let feed = try AtomParser.parse(try server.get("/v1/feed.atom").body).feed
        #expect(feed.entries.count == 15)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func aBadItemLeavesTheDatabaseUnchanged() throws {
        let server = try TestServer()
        defer { server.stop() }
        try ImportFixtures.load(server, posts: [ImportFixtures.post("kept", title: "Kept")],
                                cases: [ImportFixtures.case("kept-case", name: "Kept case")])
        let before = try ImportFixtures.counts(server)
        let document = ImportFixtures.document(
            posts: [ImportFixtures.post("fine", title: "Fine", tags: ["x"], cases: ["new-case"]),
                    ["slug": "x", "body": "no title"]],
            cases: [ImportFixtures.case("new-case", name: "New case")],
            actions: [["case": "new-case", "kind": "letter", "count": 10]])
        #expect {
            try Importer(storage: server.storage).importJSON(document)
        } throws: { error in
            (error as? ImportError)?.description == #"posts[1] (slug "x"): title is required"#
        }
        #expect(try ImportFixtures.counts(server) == before)
    }

    @Test(.enabled(if: TestEngine.isSQLite), arguments: [
        (#"{"posts": [{"title": "A", "cases": ["nowhere"]}]}"#, "posts[0]: cases[0] no such case"),
        (#"{"posts": [{"slug": "a", "title": "A"}, {"slug": "a", "title": "B"}]}"#, #"posts[1] (slug "a"): the slug "a" is taken"#),
        (#"{"posts": [{"title": "A", "colour": "red"}]}"#, "posts[0]: colour is not a known field"),
        (#"{"posts": [{"title": "A", "status": "live"}]}"#, "posts[0]: status must be one of: draft, published"),
        (#"{"posts": [{"title": "A", "published_at": "yesterday"}]}"#, "posts[0]: published_at must be an RFC 3339 time between years 0001 and 9999, such as 2020-09-04T00:00:00Z"),
        (#"{"posts": [{"title": "A", "image": {"url": "ftp://x"}}]}"#, "posts[0]: image.url must be an http:// or https:// URL of at most 2048 characters"),
        (#"{"posts": [{"slug": "Bad Slug", "title": "A"}]}"#, #"posts[0] (slug "Bad Slug"): slug must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"#),
        (#"{"cases": [{"name": "A", "country": "Canada"}]}"#, "cases[0]: country must be an ISO 3166-1 alpha-2 code (two letters, such as CU)"),
        (#"{"cases": [{"country": "CA"}]}"#, "cases[0]: name is required"),
        (#"{"cases": [{"name": "A", "country": "CA", "tags": ["ok", 3]}]}"#, "cases[0]: tags[1] must be a string"),
        (#"{"actions": [{"case": "missing", "kind": "letter"}]}"#, #"actions[0]: case no such case: "missing""#),
        (#"{"cases": [{"slug": "c", "name": "C", "country": "CA"}], "actions": [{"case": "c", "kind": "fax"}]}"#,
         "actions[0]: kind must be one of letter, email, petition, social, call, event, other"),
        (#"{"cases": [{"slug": "c", "name": "C", "country": "CA"}], "actions": [{"case": "c", "kind": "letter", "count": 0}]}"#,
         "actions[0]: count must be from 1 to 10000000"),
        (#"{"posts": [{"slug": "a", "status": "gone"}]}"#, #"posts[0] (slug "a"): title is required; status must be one of: draft, published"#),
        (#"{"posts": [{"title": "A", "created_at": "2020-13-01T00:00:00Z"}]}"#, "posts[0]: created_at must be an RFC 3339 time such as 2020-09-04T00:00:00Z"),
        (#"{"posts": {}}"#, "posts must be an array"),
        (#"{"posts": [], "pages": []}"#, "pages is not a known field (posts, cases, actions)"),
        (#"[1, 2]"#, #"the document must be an object {"posts": [...], "cases": [...]}"#),
    ])
    func errorsNameTheItem(_ json: String, _ message: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        let before = try ImportFixtures.counts(server)
        #expect {
            try Importer(storage: server.storage).importJSON(Array(json.utf8))
        } throws: { error in
            let description = (error as? ImportError)?.description
            if description != message { Issue.record("got: \(description ?? String(describing: error))") }
            return description == message
        }
        #expect(try ImportFixtures.counts(server) == before)
    }

    @Test func notJSONIsRefused() throws {
        let server = try TestServer()
        defer { server.stop() }
        let error = #expect(throws: ImportError.self) {
            try Importer(storage: server.storage).importJSON(Array("{\"posts\": [".utf8))
        }
        #expect(error?.description.hasPrefix("the file is not valid JSON") == true)
        #expect(throws: ImportError.self) { try Importer(storage: server.storage).importFile(atPath: server.directory + "/missing.json") }
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func slugsAreDerivedAndMadeUniqueAndCasesFromTheDatabaseCanBeLinked() throws {
        let server = try TestServer()
        defer { server.stop() }
        try ImportFixtures.load(server.database, cases: [ImportFixtures.case("existing", name: "Existing")])
        let summary = try ImportFixtures.load(server.database, posts: [
            ["title": "Quiñones is free!", "status": "published", "cases": ["existing"], "tags": [" cuba ", "cuba", "press"]],
            ["title": "Quiñones is free", "status": "published", "published_at": "2020-09-04T02:00:00+02:00"],
            ["title": "¡¿?!"],
        ])
        #expect(summary.posts == 3)
        let rows = try server.database.read { connection in
            try connection.prepare("SELECT slug, status, published_at IS NOT NULL FROM posts ORDER BY id").rows {
                "\($0.string(0)) \($0.string(1)) \($0.bool(2))"
            }
        }
        #expect(rows == ["quinones-is-free published true", "quinones-is-free-2 published true", "post draft false"])
        let tags = try server.database.read { try $0.prepare("SELECT tag FROM post_tags ORDER BY post_id, position").rows { $0.string(0) } }
        #expect(tags == ["cuba", "press"])
        let publishedAt = try server.database.read {
            try $0.prepare("SELECT published_at FROM posts WHERE slug = 'quinones-is-free-2'").scalarInt64()
        }
        #expect(publishedAt == 1_599_177_600)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func timesAreKeptWhenGiven() throws {
        let server = try TestServer()
        defer { server.stop() }
        try ImportFixtures.load(server.database, cases: [[
            "slug": "c", "name": "C", "country": "ca", "created_at": "2019-01-01T00:00:00Z", "updated_at": "2019-06-01T00:00:00Z",
            "id": 99, "tally": ["total": 5],
        ]])
        let row = try server.database.read { connection in
            try connection.prepare("SELECT id, country, created_at, updated_at FROM cases").rows {
                [$0.int64(0), $0.string(1) == "CA" ? 1 : 0, $0.int64(2), $0.int64(3)]
            }
        }
        #expect(row == [[1, 1, 1_546_300_800, 1_559_347_200]])
    }

    /// A few hundred posts: prepared statements reused in one transaction keep this well under a second.
    @Test(.enabled(if: TestEngine.isSQLite)) func aLargerImportIsOneQuickTransaction() throws {
        let server = try TestServer()
        defer { server.stop() }
        let cases = (0..<50).map { ImportFixtures.case("case-\($0)", name: "Case \($0)") }
        let posts = (0..<500).map { n in
            ImportFixtures.post("post-\(n)", title: "Post \(n) about freedom", body: String(repeating: "Words of hope. ", count: 100),
                                tags: ["tag-\(n % 7)", "common"], cases: ["case-\(n % 50)"])
        }
        let document = ImportFixtures.document(posts: posts, cases: cases)
        let transactionsBefore = server.database.writerStatistics.transactions
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try Importer(storage: server.storage).importJSON(document)
        let elapsed = clock.now - started
        #expect(summary == ImportSummary(posts: 500, cases: 50))
        #expect(server.database.writerStatistics.transactions == transactionsBefore + 1)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    /// The progress `goodnews import` shows: 0 when writing begins, every 100 items, and the last.
    @Test func progressIsReportedAsItemsAreWritten() throws {
        let server = try TestServer()
        defer { server.stop() }
        let document = ImportFixtures.document(
            posts: (0..<230).map { ImportFixtures.post("progress-\($0)", title: "Post \($0)") },
            cases: [ImportFixtures.case("progress-case", name: "Case")],
            actions: [["case": "progress-case", "kind": "letter", "count": 3]])
        var reported: [[Int]] = []
        let summary = try Importer(storage: server.storage).importJSON(document) { reported.append([$0, $1]) }
        #expect(summary == ImportSummary(posts: 230, cases: 1, actions: 1))
        #expect(reported == [[0, 232], [100, 232], [200, 232], [232, 232]])
        // A refused import reports nothing past the item that failed, and writes nothing.
        reported = []
        let bad = ImportFixtures.document(posts: [ImportFixtures.post("fine", title: "Fine"), ["slug": "x"]])
        #expect(throws: ImportError.self) {
            try Importer(storage: server.storage).importJSON(bad) { reported.append([$0, $1]) }
        }
        #expect(reported == [])
    }
}
