import Foundation
@testable import API
@testable import GoodNews
import JSON
import Testing

@Suite("Atom feed")
struct FeedTests {
    static func makeServer(postCount: Int = 3) throws -> TestServer {
        try TestServer { database in
            var posts = (1...postCount).map { n in
                ImportFixtures.post("post-\(n)", title: "Post number \(n)", summary: "Summary \(n).",
                                    body: "Body of post \(n).", publishedAt: "2020-0\(1 + n % 9)-0\(1 + n % 9)T00:00:\(String(format: "%02d", n % 60))Z",
                                    tags: n == 1 ? ["cuba", "press-freedom"] : [])
            }
            posts.append(ImportFixtures.post("tricky", title: "Tom & Jerry <b>bold</b> \"quotes\" ]]> 'apostrophes'",
                                             summary: "", body: "Markdown *with* <script>alert(1)</script> & a bell and \u{FFFE}.",
                                             publishedAt: "2021-01-01T12:00:00Z", tags: ["a&b", "c\"d"]))
            posts.append(ImportFixtures.post("draft", title: "A draft", status: "draft"))
            posts.append(ImportFixtures.post("scheduled", title: "Scheduled", publishedAt: "2999-01-01T00:00:00Z"))
            try ImportFixtures.load(database, posts: posts)
            // A control character as a row written before the API refused them would hold it.
            try database.execute("UPDATE posts SET body = replace(body, 'bell', ?) WHERE slug = 'tricky'", [.text("bell \u{7}")])
        }
    }

    /// A GET with our own Host header (the test client always sends 127.0.0.1).
    static func getFeed(_ server: TestServer, host: String?) throws -> TestResponse {
        let client = try TestClient(port: server.port)
        var head = "GET /v1/feed.atom HTTP/1.1\r\n"
        if let host { head += "Host: \(host)\r\n" }
        try client.write(Array((head + "\r\n").utf8))
        return try client.readResponse()
    }

    @Test func theFeedIsValidAtomWithEveryRequiredElement() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let response = try server.get("/v1/feed.atom")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/atom+xml; charset=utf-8")
        #expect(response.header("ETag") != nil)
        let (feed, root, namespace) = try AtomParser.parse(response.body)
        #expect(root == "feed")
        #expect(namespace == AtomParser.namespace)
        for required in ["id", "title", "updated", "author", "link"] {
            #expect(feed.feedChildren.contains(required), "feed lacks <\(required)>")
        }
        #expect(feed.id == "http://127.0.0.1/v1/feed.atom")
        #expect(feed.authorName == "Good News")
        #expect(feed.links.contains(.init(rel: "self", type: "application/atom+xml", href: "http://127.0.0.1/v1/feed.atom")))
        #expect(feed.links.contains(.init(rel: "alternate", type: "text/html", href: "http://127.0.0.1/")))
        // Public posts only, newest first; the feed's updated time is the newest entry's.
        #expect(feed.entries.map(\.title).first == "Tom & Jerry <b>bold</b> \"quotes\" ]]> 'apostrophes'")
        #expect(feed.entries.count == 4)
        #expect(feed.updated == feed.entries.map(\.updated).max())
        for entry in feed.entries {
            #expect(entry.id.hasPrefix("urn:uuid:") && entry.id.count == 45, "\(entry.id)")
            #expect(!entry.title.isEmpty && entry.titleType == "text")
            #expect(entry.links.contains { $0.rel == "alternate" && $0.href?.hasPrefix("http://127.0.0.1/v1/posts/") == true })
            #expect(Self.isRFC3339(entry.updated) && Self.isRFC3339(entry.published))
            #expect(entry.contentType == "text")
        }
        #expect(Set(feed.entries.map(\.id)).count == feed.entries.count)
        let first = try #require(feed.entries.first { $0.links.first?.href?.hasSuffix("/post-1") == true })
        #expect(first.categories == ["cuba", "press-freedom"])
        #expect(first.summary == "Summary 1.")
        #expect(first.content == "Body of post 1.")
        #expect(first.published == "2020-02-02T00:00:01Z")
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let response = try server.get("/v1/feed.atom")
        #expect(!response.text.contains("<script>"))
        let (feed, _, _) = try AtomParser.parse(response.body)
        let tricky = try #require(feed.entries.first { $0.links.first?.href?.hasSuffix("/tricky") == true })
        #expect(tricky.content == "Markdown *with* <script>alert(1)</script> & a bell  and .")
        #expect(tricky.categories == ["a&b", "c\"d"])
    }

    @Test func linksFollowTheHostHeaderAndEntryIdsDoNot() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let local = try AtomParser.parse(try server.get("/v1/feed.atom").body).feed
        let named = try AtomParser.parse(try Self.getFeed(server, host: "News.Example.org:8443").body).feed
        #expect(named.id == "http://news.example.org:8443/v1/feed.atom")
        #expect(named.entries.first?.links.first?.href?.hasPrefix("http://news.example.org:8443/v1/posts/") == true)
        #expect(named.entries.map(\.id) == local.entries.map(\.id))
        let forged = try Self.getFeed(server, host: "evil\"><x>")
        #expect(forged.status == 200 || forged.status == 400)
        if forged.status == 200 {
            #expect(try AtomParser.parse(forged.body).feed.id == "http://localhost/v1/feed.atom")
        }
    }

    /// Issue 8: `X-Forwarded-Host`/`-Proto` were taken from their first entry, the client's when the proxy
    /// appends. Now the rightmost, as for `X-Forwarded-For`; and only with `trustProxy`.
    @Test func forwardedHeadersCountFromTheRightmostEntryWhenTrusted() throws {
        var configuration = TestServer.defaultConfiguration()
        configuration.trustProxy = true
        let server = try TestServer(configuration: configuration)
        defer { server.stop() }
        func feedID(_ headers: [(String, String)]) throws -> String? {
            try AtomParser.parse(try server.get("/v1/feed.atom", headers: headers).body).feed.id
        }
        #expect(try feedID([("X-Forwarded-Host", "attacker.example, news.example.org"),
                            ("X-Forwarded-Proto", "https, http")]) == "http://news.example.org/v1/feed.atom")
        #expect(try feedID([("X-Forwarded-Host", "news.example.org"), ("X-Forwarded-Proto", "http, https")])
                == "https://news.example.org/v1/feed.atom")
        #expect(try feedID([("X-Forwarded-Host", "news.example.org, <evil>")]) == "http://localhost/v1/feed.atom")

        let untrusted = try TestServer()
        defer { untrusted.stop() }
        let ignored = try untrusted.get("/v1/feed.atom", headers: [("X-Forwarded-Host", "news.example.org"),
                                                                  ("X-Forwarded-Proto", "https")])
        #expect(try AtomParser.parse(ignored.body).feed.id == "http://127.0.0.1/v1/feed.atom")
    }

    /// With `GOODNEWS_PUBLIC_URL`, links use it whatever the request says, and there is one cached feed.
    @Test func aPublicURLReplacesTheHost() throws {
        var configuration = TestServer.defaultConfiguration()
        configuration.publicURL = AppConfiguration.normalisedPublicURL("https://GoodNews.example.org/")
        configuration.trustProxy = true
        let server = try TestServer(configuration: configuration)
        defer { server.stop() }
        let plain = try Self.getFeed(server, host: "127.0.0.1")
        let other = try Self.getFeed(server, host: "other.example")
        let forwarded = try server.get("/v1/feed.atom", headers: [("X-Forwarded-Host", "proxy.example")])
        #expect(try AtomParser.parse(plain.body).feed.id == "https://goodnews.example.org/v1/feed.atom")
        #expect(plain.header("ETag") == other.header("ETag") && plain.header("ETag") == forwarded.header("ETag"))
    }

    @Test(arguments: [
        ("example.org", "example.org"), ("News.EXAMPLE.org:8443", "news.example.org:8443"),
        ("127.0.0.1:80", "127.0.0.1:80"), ("[::1]:8080", "[::1]:8080"), ("[2001:DB8::1]", "[2001:db8::1]"),
        ("localhost", "localhost"),
    ])
    func validHostsAreKept(_ host: String, _ kept: String) {
        #expect(BaseURL.validHost(host) == kept)
    }

    @Test(arguments: ["", ".", "a..b", "a b", "evil\"><x>", "a/b", "a:", "a:123456", "a:b", "[::1", "[]", "[::1]x",
                      "a@b", "a%2F", "under_score.org", String(repeating: "a", count: 64) + ".org",
                      String(repeating: "a.", count: 128) + "org"])
    func invalidHostsAreRefused(_ host: String) {
        #expect(BaseURL.validHost(host) == nil)
    }

    @Test func publicURLsAreCheckedAndNormalised() {
        #expect(AppConfiguration.normalisedPublicURL("https://GoodNews.Example.org/") == "https://goodnews.example.org")
        #expect(AppConfiguration.normalisedPublicURL("HTTP://x.org:8080/news/") == "http://x.org:8080/news")
        for bad in ["ftp://x.org", "https://", "goodnews.example.org", "https://x.org?a=1", "https://x.org/<b>",
                    "https://x.org#top", "https://us er.org", "https://x.org/a b"] {
            #expect(AppConfiguration.normalisedPublicURL(bad) == nil, "\(bad)")
        }
    }

    @Test func theFeedHoldsTheFiftyNewestAndRevalidates() throws {
        let server = try Self.makeServer(postCount: 55)
        defer { server.stop() }
        let response = try server.get("/v1/feed.atom")
        let feed = try AtomParser.parse(response.body).feed
        #expect(feed.entries.count == 50)
        let published = feed.entries.map(\.published)
        #expect(published == published.sorted(by: >))
        let tag = try #require(response.header("ETag"))
        #expect(try server.get("/v1/feed.atom", headers: [("If-None-Match", tag)]).status == 304)
    }

    @Test func anEmptySiteHasAnEmptyValidFeed() throws {
        let server = try TestServer()
        defer { server.stop() }
        let feed = try AtomParser.parse(try server.get("/v1/feed.atom").body).feed
        #expect(feed.entries.isEmpty)
        #expect(feed.updated == "1970-01-01T00:00:00Z")
    }

    static func isRFC3339(_ text: String) -> Bool {
        text.count == 20 && text.hasSuffix("Z") && text.dropFirst(10).first == "T"
    }

    @Test func aNewPostAppearsInTheCachedFeed() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let before = try AtomParser.parse(try server.get("/v1/feed.atom").body).feed
        let token = try server.makeToken()
        try server.create("posts", ["title": "Fresh news", "status": "published",
                                    "published_at": .string(isoTime(fromNow: -5))], token: token)
        let after = try AtomParser.parse(try server.get("/v1/feed.atom").body).feed
        #expect(after.entries.count == before.entries.count + 1)
        #expect(after.entries.first?.title == "Fresh news")
    }
}
