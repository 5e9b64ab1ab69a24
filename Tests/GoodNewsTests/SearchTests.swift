import Foundation
import JSON
import Testing

@Suite("Search")
struct SearchTests {
    /// Posts and cases where "lighthouse" is in a title, a summary and a body, plus hidden posts.
    static func makeServer() throws -> TestServer {
        try TestServer { database in
            try ImportFixtures.load(database, posts: [
                ImportFixtures.post("body-hit", title: "Harbour news", summary: "A report from the coast.",
                                    body: "Keepers met near the old lighthouse to celebrate the release."),
                ImportFixtures.post("title-hit", title: "The lighthouse keepers are free",
                                    summary: "Released after two years.", body: "They are home with their families."),
                ImportFixtures.post("summary-hit", title: "Coastal campaign",
                                    summary: "Letters reached the lighthouse at last.", body: "Supporters wrote thousands of letters."),
                ImportFixtures.post("quinones", title: "Cuban journalist Roberto Quiñones Haces is free",
                                    body: "Roberto de Jesús Quiñones Haces is back home and reporting again."),
                ImportFixtures.post("escaped", title: "Markup <script>alert(1)</script> & friends",
                                    body: "A <b>bold</b> claim & a lighthouse \"quoted\" 'too'."),
                ImportFixtures.post("draft-lighthouse", title: "Draft about the lighthouse", status: "draft"),
                ImportFixtures.post("scheduled-lighthouse", title: "Scheduled lighthouse news",
                                    publishedAt: "2999-01-01T00:00:00Z"),
            ], cases: [
                ImportFixtures.case("lighthouse-keepers", name: "The lighthouse keepers",
                                    summary: "Two keepers detained for a protest.", campaign: "Write for Rights 2019"),
                ImportFixtures.case("roberto-quinones-haces", name: "Roberto de Jesús Quiñones Haces"),
            ])
        }
    }

    static func hits(_ server: TestServer, _ query: String) throws -> [JSONValue] {
        let response = try server.get("/v1/search?" + query)
        #expect(response.status == 200, "\(query): \(response.text)")
        return try response.json()["data"]?.arrayValue ?? []
    }

    @Test func aTitleHitRanksFirst() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let slugs = try Self.hits(server, "q=lighthouse&type=post").compactMap { $0["slug"]?.stringValue }
        #expect(slugs.first == "title-hit")
        #expect(Set(slugs) == ["title-hit", "summary-hit", "body-hit", "escaped"])
        #expect(slugs.firstIndex(of: "summary-hit")! < slugs.firstIndex(of: "body-hit")!)
    }

    @Test func resultsHaveTheContractShape() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let response = try server.get("/v1/search?q=lighthouse")
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("ETag") != nil)
        let hits = try response.json()["data"]?.arrayValue ?? []
        let post = try #require(hits.first { $0["type"] == "post" })
        #expect(post["id"]?.int64Value != nil)
        #expect(post["title"] == "The lighthouse keepers are free")
        #expect(post["published_at"] == "2020-09-04T00:00:00Z")
        #expect(post["snippet"]?.stringValue?.contains("<mark>lighthouse</mark>") == true)
        let found = try #require(hits.first { $0["type"] == "case" })
        #expect(found["title"] == "The lighthouse keepers")
        #expect(found["published_at"] == .null)
    }

    @Test func accentsAreFolded() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let hits = try Self.hits(server, "q=quinones")
        #expect(Set(hits.compactMap { $0["slug"]?.stringValue }) == ["quinones", "roberto-quinones-haces"])
        #expect(hits.allSatisfy { $0["snippet"]?.stringValue?.contains("<mark>Quiñones</mark>") == true })
        #expect(try Self.hits(server, "q=QUI%C3%91ONES%20haces").count == 2)
        #expect(try Self.hits(server, "q=jes%C3%BAs").count == 2)
    }

    @Test(arguments: ["%22", "AND", "*", "(", "roberto%22%20OR", "NEAR(roberto%20haces)", "-haces", "title:roberto",
                      "%22unbalanced", "roberto%20AND%20OR%20NOT", "%5Eroberto", "roberto*", ")))", "a+b",
                      "%E2%80%8B", "%F0%9F%98%80", "%EE%80%80"])
    func ftsSyntaxIsPlainWords(_ query: String) throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let response = try server.get("/v1/search?q=" + query)
        #expect(response.status == 200, "\(query): \(response.status) \(response.text)")
        #expect(try response.json()["data"]?.arrayValue != nil)
    }

    /// The HTTP layer refuses a percent-encoded NUL (400); whoever answers, it is never a 500.
    @Test func controlCharactersAreNeverAServerError() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        for query in ["%00", "a%00b", "%01", "%7F", "%C0%80", "%FF"] {
            let status = try server.get("/v1/search?q=" + query).status
            #expect(status == 200 || status == 400, "\(query): \(status)")
        }
    }

    @Test func operatorsAndPunctuationMatchAsWords() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        // `roberto-quinones` is a phrase, `*` and `(` are ignored, `OR` is the word "or" (found nowhere).
        #expect(try Self.hits(server, "q=roberto-quinones%20*%20(&type=post").map { $0["slug"] } == ["quinones"])
        #expect(try Self.hits(server, "q=haces-roberto&type=post").isEmpty)
        #expect(try Self.hits(server, "q=roberto%20OR%20lighthouse").isEmpty)
        #expect(try Self.hits(server, "q=%22%22%22").isEmpty)
    }

    @Test func typeFilterAndMerging() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        #expect(try Self.hits(server, "q=lighthouse&type=case").map { $0["type"] } == ["case"])
        #expect(try Self.hits(server, "q=lighthouse&type=post").allSatisfy { $0["type"] == "post" })
        let both = try Self.hits(server, "q=lighthouse")
        #expect(both.count == 5)
        #expect(Set(both.compactMap { $0["type"]?.stringValue }) == ["post", "case"])
        #expect(try Self.hits(server, "q=lighthouse&limit=2").count == 2)
        #expect(try Self.hits(server, "q=lighthouse&type=post&limit=1").map { $0["slug"] } == ["title-hit"])
    }

    @Test func draftsAndScheduledPostsAreNotFound() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let slugs = try Self.hits(server, "q=lighthouse&limit=100").compactMap { $0["slug"]?.stringValue }
        #expect(!slugs.contains("draft-lighthouse"))
        #expect(!slugs.contains("scheduled-lighthouse"))
        #expect(try Self.hits(server, "q=draft").isEmpty)
        #expect(try Self.hits(server, "q=scheduled").isEmpty)
    }

    @Test func snippetsAreEscapedExceptMarks() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let hits = try Self.hits(server, "q=bold&type=post")
        let hit = try #require(hits.first)
        #expect(hit["slug"] == "escaped")
        #expect(hit["title"] == "Markup <script>alert(1)</script> & friends")  // JSON text, not HTML
        let snippet = try #require(hit["snippet"]?.stringValue)
        // Where a snippet ends is the engine's choice (FTS5 keeps the closing quote, ts_headline stops at the word).
        #expect(snippet.contains("&lt;b&gt;<mark>bold</mark>&lt;/b&gt; claim &amp; a lighthouse &quot;quoted&quot; &#39;too"))
        let titleHit = try #require(try Self.hits(server, "q=script&type=post").first?["snippet"]?.stringValue)
        #expect(titleHit.contains("&lt;<mark>script</mark>&gt;"))
        #expect(!titleHit.contains("<script"))
    }

    @Test(arguments: [("", "q"), ("q=", "q"), ("q=%20%20", "q"), ("q=x&type=posts", "type"),
                      ("q=x&limit=0", "limit"), ("q=x&limit=101", "limit"), ("q=x&limit=ten", "limit"),
                      ("q=" + String(repeating: "a", count: 501), "q"),
                      ("q=" + Array(repeating: "w", count: 17).enumerated().map { "w\($0.offset)" }.joined(separator: "+"), "q")])
    func badParametersAre400NamingThem(_ query: String, _ field: String) throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let response = try server.get("/v1/search?" + query)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(try response.json()["errors"]?.arrayValue?.first?["field"]?.stringValue == field)
    }

    @Test func repeatedSearchesComeFromTheCacheWithTheSameTag() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let first = try server.get("/v1/search?q=Lighthouse&type=post")
        let second = try server.get("/v1/search?q=lighthouse%20%20LIGHTHOUSE&type=post")
        #expect(first.body == second.body)
        let tag = try #require(first.header("ETag"))
        #expect(second.header("ETag") == tag)
        let revalidated = try server.get("/v1/search?q=lighthouse&type=post", headers: [("If-None-Match", tag)])
        #expect(revalidated.status == 304)
    }

    /// A cached answer never outlives a write: create, edit and delete through the API show at once.
    @Test func writesThroughTheAPIAreSeenAtOnce() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let token = try server.makeToken()
        #expect(try Self.hits(server, "q=puffin").isEmpty)
        let created = try server.create("posts", ["title": "A puffin colony is protected", "status": "published",
                                                  "published_at": .string(isoTime(fromNow: -60))], token: token)
        #expect(try Self.hits(server, "q=puffin").map { $0["slug"] } == [created["slug"]!])
        let slug = created["slug"]?.stringValue ?? ""
        #expect(try server.send("PATCH", "/v1/posts/" + slug, body: ["status": "draft"], token: token).status == 200)
        #expect(try Self.hits(server, "q=puffin").isEmpty)
        try server.create("cases", ["name": "The puffin wardens", "country": "IS"], token: token)
        #expect(try Self.hits(server, "q=puffin").map { $0["type"] } == ["case"])
    }

    /// A cached answer expires when the next scheduled post goes live, without any write.
    @Test func aScheduledPostIsFoundOnceItsTimeComes() throws {
        let server = try TestServer { database in
            try ImportFixtures.load(database, posts: [
                ImportFixtures.post("now", title: "Gannets return"),
                ImportFixtures.post("soon", title: "Gannets fledge", publishedAt: isoTime(fromNow: 2)),
            ])
        }
        defer { server.stop() }
        #expect(try Self.hits(server, "q=gannets").map { $0["slug"] } == ["now"])
        #expect(try Self.hits(server, "q=gannets").map { $0["slug"] } == ["now"])  // from the cache
        server.clock.advance(seconds: 3)
        #expect(Set(try Self.hits(server, "q=gannets").compactMap { $0["slug"]?.stringValue }) == ["now", "soon"])
    }
}
