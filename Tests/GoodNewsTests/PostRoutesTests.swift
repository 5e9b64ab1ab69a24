@testable import API
import GoodNews
import JSON
import Testing

@Suite struct PostRoutesTests {
    @Test func createThenReadByIdAndSlug() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("cases", ["name": "Roberto de Jesús Quiñones Haces", "country": "CU"], token: token)
        let response = try server.send("POST", "/v1/posts", body: [
            "title": "Cuban journalist Roberto Quiñones Haces is free",
            "summary": "Released on 4 September 2020.", "body": "Markdown *text*",
            "status": "published", "published_at": "2020-09-04T02:00:00+02:00",
            "tags": [" zeta ", "cuba", "zeta", "alpha"], "cases": ["roberto-de-jesus-quinones-haces"],
            "image": ["url": "https://example.org/r.jpg", "caption": "Roberto"],
            "id": 999, "created_at": "whatever", "updated_at": .null,
        ], token: token)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/posts/cuban-journalist-roberto-quinones-haces-is-free")
        #expect(response.header("Cache-Control") == "private, no-store")
        let post = try response.json()
        #expect(post["id"]?.int64Value != 999)
        #expect(post["slug"] == "cuban-journalist-roberto-quinones-haces-is-free")
        #expect(post["published_at"] == "2020-09-04T00:00:00Z")
        #expect(post["tags"] == ["zeta", "cuba", "alpha"], "trimmed, repeats dropped, order kept")
        #expect(post["cases"] == ["roberto-de-jesus-quinones-haces"])
        #expect(post["image"] == ["url": "https://example.org/r.jpg", "caption": "Roberto"])
        #expect(post["status"] == "published")
        let created = try #require(post["created_at"]?.stringValue)
        #expect(created.hasSuffix("Z") && created.count == 20)

        let bySlug = try server.getJSON("/v1/posts/cuban-journalist-roberto-quinones-haces-is-free")
        let byID = try server.getJSON("/v1/posts/\(post["id"]?.int64Value ?? 0)")
        #expect(bySlug == post)
        #expect(byID == post)
        #expect(try server.get("/v1/posts/no-such-post").status == 404)
        #expect(try server.get("/v1/posts/123456").status == 404)
    }

    @Test func slugsAreDerivedUniqueAndChecked() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let first = try server.create("posts", ["title": "Quiñones"], token: token)
        let second = try server.create("posts", ["title": "Quiñones!"], token: token)
        let third = try server.create("posts", ["title": "  QUIÑONES  "], token: token)
        #expect(first["slug"] == "quinones")
        #expect(second["slug"] == "quinones-2")
        #expect(third["slug"] == "quinones-3")
        #expect(third["title"] == "QUIÑONES")
        let symbols = try server.create("posts", ["title": "!!!"], token: token)
        #expect(symbols["slug"] == "post")
        let digits = try server.create("posts", ["title": "2020"], token: token)
        #expect(digits["slug"]?.stringValue.map(Slug.isValid) == true)

        let taken = try server.send("POST", "/v1/posts", body: ["title": "x", "slug": "quinones"], token: token)
        #expect(taken.status == 409)
        let numeric = try server.send("POST", "/v1/posts", body: ["title": "x", "slug": "12345"], token: token)
        #expect(numeric.status == 422)
        #expect(numeric.fieldErrors == ["slug: must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"])
        let given = try server.create("posts", ["title": "x", "slug": "2020-roundup"], token: token)
        #expect(given["slug"] == "2020-roundup")
    }

    @Test func writesNeedAValidToken() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("posts", ["title": "Kept", "status": "published"], token: token)
        let attempts: [(String, String, String?)] = [
            ("POST", "/v1/posts", #"{"title":"x"}"#), ("PATCH", "/v1/posts/kept", #"{"title":"x"}"#),
            ("DELETE", "/v1/posts/kept", nil),
        ]
        for (method, target, body) in attempts {
            for bad in [nil, "gn_not-a-real-token"] {
                let response = try server.request(method, target, headers: [("Content-Type", "application/json")],
                                                  body: body, token: bad)
                #expect(response.status == 401, "\(method) \(target) token \(bad ?? "none")")
                #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
                #expect(response.header("Content-Type") == "application/problem+json")
            }
        }
        let malformed = try server.get("/v1/posts", headers: [("Authorization", "Basic abc")])
        #expect(malformed.status == 401)
        #expect(try server.get("/v1/posts/kept", token: "gn_wrong").status == 401)
        #expect(try server.getJSON("/v1/posts/kept")["title"] == "Kept")
    }

    @Test func bodiesMustBeJSONObjects() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let plain = try server.request("POST", "/v1/posts", headers: [("Content-Type", "text/plain")],
                                       body: #"{"title":"x"}"#, token: token)
        #expect(plain.status == 415)
        let none = try server.request("POST", "/v1/posts", body: #"{"title":"x"}"#, token: token)
        #expect(none.status == 415)
        let malformed = try server.send("POST", "/v1/posts", json: #"{"title": "x""#, token: token)
        #expect(malformed.status == 400)
        let array = try server.send("POST", "/v1/posts", json: #"["title"]"#, token: token)
        #expect(array.status == 400)
        let charset = try server.request("POST", "/v1/posts", headers: [("Content-Type", "Application/JSON; charset=utf-8")],
                                         body: #"{"title":"x"}"#, token: token)
        #expect(charset.status == 201)
        try server.create("posts", ["title": "Target"], token: token)
        let patch = try server.request("PATCH", "/v1/posts/target", headers: [("Content-Type", "text/plain")],
                                       body: "{}", token: token)
        #expect(patch.status == 415)
    }

    @Test func patchChangesOnlyWhatIsGiven() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("cases", ["name": "Case A", "country": "SS"], token: token)
        let original = try server.create("posts", [
            "title": "Draft", "summary": "S", "body": "B", "tags": ["a", "b"], "cases": ["case-a"],
            "image": ["url": "http://example.org/a.png"], "published_at": "2021-01-01T00:00:00Z",
        ], token: token)
        #expect(original["status"] == "draft")

        func patch(_ body: JSONValue) throws -> TestResponse {
            try server.send("PATCH", "/v1/posts/draft", body: body, token: token)
        }
        let retitled = try patch(["title": "New title", "tags": ["c"]]).json()
        #expect(retitled["title"] == "New title")
        #expect(retitled["slug"] == "draft")
        #expect(retitled["summary"] == "S")
        #expect(retitled["tags"] == ["c"])
        #expect(retitled["cases"] == ["case-a"])
        #expect(retitled["image"] == ["url": "http://example.org/a.png", "caption": .null])

        let cleared = try patch(["summary": .null, "image": .null, "cases": .null, "tags": .null, "published_at": .null]).json()
        #expect(cleared["summary"] == "")
        #expect(cleared["image"] == .null)
        #expect(cleared["cases"] == [])
        #expect(cleared["tags"] == [])
        #expect(cleared["published_at"] == .null)
        #expect(cleared["body"] == "B")

        let published = try patch(["status": "published"]).json()
        let date = try #require(published["published_at"]?.stringValue)
        #expect(try #require(Timestamp(rfc3339: date)).seconds >= Timestamp.now().seconds - 5)

        let undated = try patch(["published_at": .null])
        #expect(undated.status == 422)
        #expect(undated.fieldErrors == ["published_at: cannot be null for a published post"])
        let nullTitle = try patch(["title": .null, "status": .null])
        #expect(nullTitle.fieldErrors == ["title: must not be null", "status: must not be null"])
        let unknownCase = try patch(["cases": ["case-a", "case-b"]])
        #expect(unknownCase.fieldErrors == ["cases[1]: no such case"])

        try server.create("posts", ["title": "Other"], token: token)
        #expect(try patch(["slug": "other"]).status == 409)
        let renamed = try patch(["slug": "renamed"]).json()
        #expect(renamed["slug"] == "renamed")
        #expect(try server.send("PATCH", "/v1/posts/draft", body: ["title": "x"], token: token).status == 404)
        #expect(try server.send("PATCH", "/v1/posts/\(original["id"]?.int64Value ?? 0)", body: [:], token: token).status == 200)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func deleteRemovesThePost() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let post = try server.create("posts", ["title": "Gone soon", "status": "published", "tags": ["t"]], token: token)
        let deleted = try server.request("DELETE", "/v1/posts/\(post["id"]?.int64Value ?? 0)", token: token)
        #expect(deleted.status == 204)
        #expect(try server.get("/v1/posts/gone-soon").status == 404)
        #expect(try server.request("DELETE", "/v1/posts/gone-soon", token: token).status == 404)
        let tags = try server.database.read { try $0.cachedStatement("SELECT count(*) FROM post_tags").scalarInt64() }
        #expect(tags == 0)
    }
}
