import Foundation
@testable import API
@testable import GoodNews
import JSON
import Testing

@Suite("Site pages")
struct SitePageTests {
    /// 12 public posts (more than a page), a draft, a scheduled post, two cases.
    static func makeServer() throws -> TestServer {
        try TestServer { database in
            var posts = (1...12).map { n in
                ImportFixtures.post("story-\(n)", title: "Story number \(n)", summary: "Summary \(n).",
                                    body: "Body of story \(n).", publishedAt: String(format: "2020-01-%02dT00:00:00Z", n),
                                    tags: n % 2 == 0 ? ["even"] : [], cases: n == 12 ? ["quinones"] : [])
            }
            posts.append(ImportFixtures.post("tricky", title: "Tom & Jerry <b>bold</b>", summary: "A \"quoted\" summary",
                                             body: "## The heading\n\n<script>alert(1)</script>",
                                             publishedAt: "2019-06-01T00:00:00Z", cases: ["quinones"]))
            posts.append(ImportFixtures.post("draft", title: "A draft", status: "draft"))
            posts.append(ImportFixtures.post("scheduled", title: "Scheduled", publishedAt: "2999-01-01T00:00:00Z"))
            try ImportFixtures.load(database, posts: posts, cases: [
                ImportFixtures.case("quinones", name: "Roberto Quiñones Haces", summary: "A journalist.",
                                    description: "Freed **at last**.", status: "active"),
                ImportFixtures.case("closed-case", name: "Closed case", status: "closed"),
            ])
        }
    }

    /// The slugs of `article.post-card` elements, in page order.
    static func cardSlugs(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"post-card\" data-slug=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func moreLink(_ html: String) -> String? {
        guard let range = html.range(of: "id=\"more\" rel=\"next\" href=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&#39;", with: "'")
    }

    @Test func theFeedPagesThroughEveryPublicStoryNewestFirstWithoutJavaScript() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let first = try server.get("/")
        #expect(first.status == 200)
        #expect(first.header("Content-Type") == "text/html; charset=utf-8")
        #expect(!first.text.contains("<script"), "the feed needs no script")
        #expect(first.text.contains("href=\"/v1/feed.atom\""))
        #expect(first.text.contains("action=\"/search\""))
        #expect(first.text.contains("<strong>0</strong> actions taken"))
        #expect(Self.cardSlugs(first.text) == (3...12).reversed().map { "story-\($0)" })
        let next = try #require(Self.moreLink(first.text))
        let second = try server.get(next)
        #expect(Self.cardSlugs(second.text) == ["story-2", "story-1", "tricky"])
        #expect(Self.moreLink(second.text) == nil)
        #expect(try server.get("/?cursor=not-a-cursor").status == 400)
    }

    @Test func pagesCarryTheSitePolicyAndRevalidateWithTheirETag() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        for path in ["/", "/posts/story-1", "/cases/quinones", "/search?q=story", "/tags/even", "/admin", "/assets/site.css"] {
            let page = try server.get(path)
            #expect(page.status == 200, "\(path)")
            let policy = try #require(page.header("Content-Security-Policy"), "\(path)")
            #expect(policy.contains("default-src 'self'") && !policy.contains("unsafe-inline"), "\(path)")
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            #expect(page.header("Cache-Control")?.contains("no-cache") == true, "\(path)")
            let tag = try #require(page.header("ETag"), "\(path)")
            #expect(try server.get(path, headers: [("If-None-Match", tag)]).status == 304, "\(path)")
            #expect(try server.request("HEAD", path).status == 200, "\(path)")
        }
        #expect(try server.get("/assets/case.js").header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(try server.get("/assets/missing.js").status == 404)
        #expect(try server.get("/assets/..%2FPackage.swift").status == 404)
        #expect(try server.get("/assets/%2E%2E").status == 404)
    }

    @Test func aStoryPageShowsTheRenderedBodyItsCasesAndSharingTags() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let page = try server.get("/posts/tricky")
        #expect(page.status == 200)
        let html = page.text
        #expect(html.contains("<h1>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</h1>"))
        #expect(html.contains("<h2>The heading</h2>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"))
        #expect(html.contains("<meta property=\"og:title\" content=\"Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;\">"))
        #expect(html.contains("<meta property=\"og:description\" content=\"A &quot;quoted&quot; summary\">"))
        #expect(html.contains("<meta property=\"og:url\" content=\"http://127.0.0.1/posts/tricky\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"http://127.0.0.1/posts/tricky\">"))
        #expect(html.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(html.contains("<a href=\"/cases/quinones\">Roberto Quiñones Haces</a>"))
        for hidden in ["draft", "scheduled", "no-such-post", "12345"] {
            let missing = try server.get("/posts/\(hidden)")
            #expect(missing.status == 404, "\(hidden)")
            #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
            #expect(missing.text.contains("class=\"masthead\""), "a 404 in the site's style")
        }
    }

    @Test func aStoryWithAPhotoSharesItAsALargeCard() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("posts", ["title": "With a photo", "status": "published", "slug": "photo",
                                    "image": ["url": "https://example.org/p.jpg", "caption": "Freed at last"]], token: token)
        let html = try server.get("/posts/photo").text
        #expect(html.contains("<meta property=\"og:image\" content=\"https://example.org/p.jpg\">"))
        #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        #expect(html.contains("<figcaption>Freed at last</figcaption>"))
        #expect(Self.cardSlugs(try server.get("/").text).first == "photo", "a write shows on the next feed")
        // The photo goes into <img src> and og:image: its host must be a plain name.
        for url in ["http://[", "https://[::1]/p.jpg", "https://user@example.org/p.jpg", "https:///p.jpg", "http://a\\b/"] {
            let refused = try server.send("POST", "/v1/posts", body: ["title": "Bad photo", "image": ["url": .string(url)]],
                                          token: token)
            #expect(refused.status == 422, "\(url)")
        }
    }

    @Test func aCasePageShowsItsTallyAndIsNeverStaleAfterAnAction() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let before = try server.get("/cases/quinones").text
        #expect(before.contains("<h1>Roberto Quiñones Haces</h1>"))
        #expect(before.contains("<p>Freed <strong>at last</strong>.</p>"))
        #expect(before.contains("id=\"tally-total\" data-total=\"0\">0</strong>"))
        #expect(before.contains("<script type=\"module\" src=\"/assets/case.js\"></script>"))
        #expect(Self.cardSlugs(before) == ["story-12", "tricky"])
        let action = try server.send("POST", "/v1/cases/quinones/actions", body: ["kind": "letter", "country": "CA"])
        #expect(action.status == 201)
        let after = try server.get("/cases/quinones").text
        #expect(after.contains("id=\"tally-total\" data-total=\"1\">1</strong>"))
        #expect(after.contains("<td data-key=\"CA\">1</td>"))
        #expect(try server.get("/").text.contains("<strong>1</strong> actions taken"))
        let closed = try server.get("/cases/closed-case").text
        #expect(closed.contains("data-closed=\"true\"") && closed.contains("no longer taking actions"))
        #expect(try server.get("/cases/nobody").status == 404)
    }

    @Test func searchAndTagPagesFindPublicStoriesOnly() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let found = try server.get("/search?q=quinones").text
        #expect(found.contains("<a href=\"/cases/quinones\">Roberto Quiñones Haces</a>"))
        #expect(found.contains("<mark>Quiñones</mark>"))
        #expect(found.contains("value=\"quinones\""), "the box keeps the words")
        let none = try server.get("/search?q=zebra")
        #expect(none.status == 200 && none.text.contains("id=\"no-results\""))
        #expect(try server.get("/search").status == 200)
        #expect(try server.get("/search?q=%22%3Cscript%3E").text.contains("&lt;script&gt;"))
        #expect(try server.get("/search?q=" + String(repeating: "a", count: 600)).status == 400)
        #expect(!(try server.get("/search?q=draft").text.contains("/posts/draft")))
        let tagged = try server.get("/tags/even").text
        #expect(Self.cardSlugs(tagged) == [12, 10, 8, 6, 4, 2].map { "story-\($0)" })
        #expect(try server.get("/tags/nothing-here").status == 404)
        #expect(try server.get("/tags/a%0Bb").status == 404, "a tag no post can carry has no stories")
        #expect(try server.get("/tags/" + String(repeating: "t", count: 51)).status == 404)
    }

    @Test func browsersGetTheSite404AndAPIClientsAProblem() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let page = try server.get("/no/such/page", headers: [("Accept", "text/html,application/xhtml+xml")])
        #expect(page.status == 404)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains("Page not found"))
        let api = try server.get("/no/such/page")
        #expect(api.status == 404 && api.header("Content-Type") == "application/problem+json")
        #expect(try server.get("/v1/nothing", headers: [("Accept", "text/html")]).header("Content-Type")
                == "application/problem+json")
    }

    @Test func theSitemapListsEveryPublicPageAndRobotsPointAtIt() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let sitemap = try server.get("/sitemap.xml")
        #expect(sitemap.header("Content-Type") == "application/xml; charset=utf-8")
        let base = "http://127.0.0.1"
        #expect(sitemap.text.contains("<loc>\(base)/posts/story-1</loc>"))
        #expect(sitemap.text.contains("<loc>\(base)/cases/quinones</loc>"))
        #expect(!sitemap.text.contains("/posts/draft") && !sitemap.text.contains("/posts/scheduled"))
        #expect(sitemap.text.components(separatedBy: "<url>").count - 1 == 1 + 13 + 2)
        let robots = try server.get("/robots.txt").text
        #expect(robots.contains("Disallow: /admin") && robots.contains("Sitemap: \(base)/sitemap.xml"))
    }
}
