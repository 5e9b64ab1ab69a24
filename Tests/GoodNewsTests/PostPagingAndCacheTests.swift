import Glibc
@testable import API
import GoodNews
import JSON
import Testing

@Suite struct PostPagingAndCacheTests {
    @Test func pagingIsStableWhilePostsAreInserted() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        // 25 posts, several sharing a second, so ties are broken by id.
        for n in 0..<25 {
            try server.create("posts", ["title": .string("Post \(n)"), "status": "published",
                                        "published_at": .string(Timestamp(seconds: 1_600_000_000 + Int64(n / 3) * 60).rfc3339)],
                              token: token)
        }
        let before = try server.getJSON("/v1/posts?limit=100").ids
        #expect(before.count == 25)

        var seen: [Int64] = []
        var target: String? = "/v1/posts?limit=7"
        var inserted = 0
        while let next = target {
            let page = try server.get(next)
            #expect(page.status == 200)
            seen += try page.json().ids
            target = page.nextLink
            // Between pages: one post newer than everything, one in the middle of the past.
            try server.create("posts", ["title": .string("Late \(inserted)"), "status": "published"], token: token)
            try server.create("posts", ["title": .string("Backdated \(inserted)"), "status": "published",
                                        "published_at": .string(Timestamp(seconds: 1_600_000_000 + 200).rfc3339)],
                              token: token)
            inserted += 1
        }
        #expect(Set(seen).count == seen.count, "no post twice")
        #expect(Set(before).isSubset(of: Set(seen)), "no post that existed at the start missed")
        let order = seen.filter { before.contains($0) }
        #expect(order == before, "the original posts in feed order")
    }

    @Test func etagsGiveNotModified() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("posts", ["title": "Tagged", "status": "published"], token: token)
        for target in ["/v1/posts", "/v1/posts?limit=5", "/v1/posts/tagged"] {
            let first = try server.get(target)
            let etag = try #require(first.header("ETag"))
            let second = try server.get(target)
            #expect(second.header("ETag") == etag, "a cached answer keeps its tag")
            #expect(second.body == first.body)
            let conditional = try server.get(target, headers: [("If-None-Match", etag)])
            #expect(conditional.status == 304)
            #expect(conditional.body.isEmpty)
            let other = try server.get(target, headers: [("If-None-Match", "\"something-else\"")])
            #expect(other.status == 200)
        }
        #expect(try server.get("/v1/posts/tagged").header("Cache-Control") == "public, max-age=60")
        let head = try server.request("HEAD", "/v1/posts")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test func noStaleAnswerAfterWrites() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("posts", ["title": "First title", "status": "published"], token: token)
        for _ in 0..<2 {  // the second round is answered from the cache
            #expect(try server.getJSON("/v1/posts/first-title")["title"] == "First title")
            #expect(try server.getJSON("/v1/posts").slugs == ["first-title"])
        }
        let oldTag = try server.get("/v1/posts/first-title").header("ETag")
        let patched = try server.send("PATCH", "/v1/posts/first-title", body: ["title": "Second title"], token: token)
        #expect(patched.status == 200)
        let item = try server.get("/v1/posts/first-title")
        #expect(try item.json()["title"] == "Second title")
        #expect(item.header("ETag") != oldTag)
        let list = try server.getJSON("/v1/posts")
        #expect(list["data"]?.arrayValue?.first?["title"] == "Second title")
        #expect(try server.get("/v1/posts/first-title", headers: [("If-None-Match", oldTag ?? "")]).status == 200)

        try server.create("posts", ["title": "Another", "status": "published"], token: token)
        #expect(try server.getJSON("/v1/posts").slugs == ["another", "first-title"])
        #expect(try server.request("DELETE", "/v1/posts/first-title", token: token).status == 204)
        #expect(try server.get("/v1/posts/first-title").status == 404)
        #expect(try server.getJSON("/v1/posts").slugs == ["another"])
        let draft = try server.send("PATCH", "/v1/posts/another", body: ["status": "draft"], token: token)
        #expect(draft.status == 200)
        #expect(try server.get("/v1/posts/another").status == 404)
        #expect(try server.getJSON("/v1/posts").slugs == [])
    }

    @Test func aScheduledPostAppearsWhenItsTimeComes() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("posts", ["title": "Now", "status": "published"], token: token)
        try server.create("posts", ["title": "Soon", "status": "published",
                                    "published_at": .string(isoTime(fromNow: 2))], token: token)
        let early = try server.get("/v1/posts")
        #expect(try early.json().slugs == ["now"])
        let maxAge = early.header("Cache-Control").flatMap { Int($0.split(separator: "=").last ?? "") }
        #expect(maxAge.map { $0 <= 2 } == true, "clients may not keep the list past the publication")
        #expect(try server.getJSON("/v1/posts").slugs == ["now"])  // cached
        #expect(try server.get("/v1/posts/soon").status == 404)
        server.clock.advance(seconds: 3)
        #expect(try server.getJSON("/v1/posts").slugs == ["soon", "now"])
        #expect(try server.get("/v1/posts/soon").status == 200)
    }
}
