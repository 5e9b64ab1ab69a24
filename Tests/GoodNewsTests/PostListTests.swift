@testable import API
import GoodNews
import JSON
import Testing

@Suite struct PostListTests {
    /// Three public posts, a draft with a date, an undated draft, a scheduled post.
    static func seeded() throws -> (TestServer, String) {
        let server = try TestServer()
        let token = try server.makeToken()
        try server.create("cases", ["name": "Case One", "country": "CU"], token: token)
        try server.create("cases", ["name": "Case Two", "country": "CA"], token: token)
        let posts: [JSONValue] = [
            ["title": "Oldest good news", "status": "published", "published_at": "2019-12-10T12:00:00Z",
             "tags": ["write-for-rights"], "cases": ["case-one"], "body": "Letters from Canada"],
            ["title": "Middle good news", "status": "published", "published_at": "2020-09-04T00:00:00+00:00",
             "tags": ["cuba", "press-freedom"], "cases": ["case-one", "case-two"], "summary": "Roberto Quiñones is free"],
            ["title": "Newest good news", "status": "published", "published_at": "2021-03-01T08:30:00-05:00",
             "tags": ["cuba"], "body": "roberto-quinones again"],
            ["title": "Dated draft", "published_at": "2020-01-01T00:00:00Z", "tags": ["cuba"]],
            ["title": "Undated draft", "tags": ["cuba"]],
            ["title": "Scheduled", "status": "published", "published_at": .string(isoTime(fromNow: 86_400)),
             "tags": ["cuba"]],
        ]
        for post in posts { try server.create("posts", post, token: token) }
        return (server, token)
    }

    @Test func publicFeedShowsOnlyPublishedPastPosts() throws {
        let (server, token) = try Self.seeded()
        defer { server.stop() }
        let response = try server.get("/v1/posts")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("Cache-Control")?.hasPrefix("public, max-age=") == true)
        let list = try response.json()
        #expect(list.slugs == ["newest-good-news", "middle-good-news", "oldest-good-news"])
        #expect(list["next_cursor"] == .null)
        #expect(response.header("Link") == nil)
        for hidden in ["dated-draft", "undated-draft", "scheduled"] {
            #expect(try server.get("/v1/posts/\(hidden)").status == 404)
            #expect(try server.get("/v1/posts/\(hidden)", token: token).status == 200)
        }
        #expect(try server.get("/v1/posts?status=published").status == 200)
        for status in ["draft", "all"] {
            let refused = try server.get("/v1/posts?status=\(status)")
            #expect(refused.status == 401)
            #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        }
        #expect(try server.get("/v1/posts?status=bogus").status == 400)
    }

    @Test func adminSeesDraftsAndScheduledPosts() throws {
        let (server, token) = try Self.seeded()
        defer { server.stop() }
        let all = try server.get("/v1/posts?status=all", token: token)
        #expect(all.header("Cache-Control") == "private, no-store")
        #expect(try all.json().slugs == ["scheduled", "newest-good-news", "middle-good-news", "dated-draft",
                                         "oldest-good-news", "undated-draft"])
        #expect(try server.getJSON("/v1/posts?status=draft", token: token).slugs == ["dated-draft", "undated-draft"])
        #expect(try server.getJSON("/v1/posts?status=published", token: token).slugs
                    == ["scheduled", "newest-good-news", "middle-good-news", "oldest-good-news"])
        #expect(try server.getJSON("/v1/posts", token: token).slugs
                    == ["newest-good-news", "middle-good-news", "oldest-good-news"])

        // Page through status=all one by one: across the dated and undated phases, nothing lost or repeated.
        var seen: [String] = []
        var target: String? = "/v1/posts?status=all&limit=1"
        while let next = target {
            let page = try server.get(next, token: token)
            seen += try page.json().slugs
            target = page.nextLink
        }
        #expect(seen == ["scheduled", "newest-good-news", "middle-good-news", "dated-draft", "oldest-good-news",
                         "undated-draft"])
        #expect(try server.get("/v1/posts?status=all", token: "gn_bad").status == 401)
    }

    @Test(arguments: [
        ("tag=cuba", ["newest-good-news", "middle-good-news"]),
        ("tag=%20cuba%20", ["newest-good-news", "middle-good-news"]),
        ("tag=Cuba", []),
        ("case=case-one", ["middle-good-news", "oldest-good-news"]),
        ("case=case-two&tag=press-freedom", ["middle-good-news"]),
        ("case=case-two&tag=write-for-rights", []),
        ("case=no-such-case", []),
        ("from=2020-09-04", ["newest-good-news", "middle-good-news"]),
        ("from=2020-09-04T00:00:01Z", ["newest-good-news"]),
        ("to=2020-09-04", ["middle-good-news", "oldest-good-news"]),
        ("to=2020-09-03T23:59:59Z", ["oldest-good-news"]),
        ("from=2020-01-01&to=2020-12-31", ["middle-good-news"]),
        ("to=2099-01-01", ["newest-good-news", "middle-good-news", "oldest-good-news"]),
        ("q=quinones", ["newest-good-news", "middle-good-news"]),
        ("q=QUI%C3%91ONES%20roberto", ["newest-good-news", "middle-good-news"]),
        ("q=roberto-quinones", ["newest-good-news", "middle-good-news"]),
        ("q=quinones-roberto", []),
        ("q=canada", ["oldest-good-news"]),
        ("q=%22unbalanced", []),
        ("q=AND%20OR%20NOT%20*%20(%20)%20:", []),
        ("q=%20%20", ["newest-good-news", "middle-good-news", "oldest-good-news"]),
        ("q=again&tag=cuba&from=2021-01-01", ["newest-good-news"]),
        ("q=again&tag=cuba&to=2021-01-01", []),
    ])
    func filters(_ query: String, _ expected: [String]) throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        #expect(try server.getJSON("/v1/posts?" + query).slugs == expected)
    }

    @Test func caseFilterTakesAnIdToo() throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        let caseTwo = try server.getJSON("/v1/cases/case-two")
        let id = try #require(caseTwo["id"]?.int64Value)
        #expect(try server.getJSON("/v1/posts?case=\(id)").slugs == ["middle-good-news"])
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=ten", "limit=", "from=yesterday", "to=2020-13-01",
                      "include_total=yes", "cursor=abc", "cursor=", "status=drafts"])
    func badParametersAre400(_ query: String) throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        let response = try server.get("/v1/posts?" + query)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test func totalsAndLinksFollowTheFilters() throws {
        let (server, token) = try Self.seeded()
        defer { server.stop() }
        let first = try server.get("/v1/posts?limit=2&include_total=true&tag=cuba")
        #expect(first.header("X-Total-Count") == "2")
        #expect(first.header("Link") == nil)
        let page = try server.get("/v1/posts?limit=1&include_total=true")
        #expect(page.header("X-Total-Count") == "3")
        let link = try #require(page.nextLink)
        #expect(link.hasPrefix("/v1/posts?limit=1&include_total=true&cursor="))
        let second = try server.get(link)
        #expect(try second.json().slugs == ["middle-good-news"])
        #expect(second.header("X-Total-Count") == "3")
        #expect(try server.get("/v1/posts?limit=1").header("X-Total-Count") == nil)
        #expect(try server.get("/v1/posts?status=all&include_total=true", token: token).header("X-Total-Count") == "6")
        #expect(try server.get("/v1/posts?status=draft&include_total=true", token: token).header("X-Total-Count") == "2")
        #expect(try server.get("/v1/posts?tag=cuba&include_total=true").header("X-Total-Count") == "2")
    }

    @Test func foreignAndTamperedCursorsAre400() throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        let page = try server.getJSON("/v1/posts?limit=1")
        let cursor = try #require(page["next_cursor"]?.stringValue)
        #expect(try server.get("/v1/posts?limit=1&cursor=" + cursor).status == 200)
        var tampered = Array(cursor)
        tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
        #expect(try server.get("/v1/posts?cursor=" + String(tampered)).status == 400)
        #expect(try server.get("/v1/posts?cursor=" + cursor.dropLast()).status == 400)

        let casePage = try server.getJSON("/v1/cases?limit=1")
        let caseCursor = try #require(casePage["next_cursor"]?.stringValue)
        #expect(try server.get("/v1/posts?cursor=" + caseCursor).status == 400)
        #expect(try server.get("/v1/cases?cursor=" + cursor).status == 400)
    }
}
