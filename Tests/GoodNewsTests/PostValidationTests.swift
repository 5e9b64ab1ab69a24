import JSON
import Testing

/// Each rule of a post body, with the exact field and message of its 422.
@Suite struct PostValidationTests {
    static let long = String(repeating: "x", count: 301)

    static let cases: [(body: JSONValue, errors: [String])] = [
        ([:], ["title: is required"]),
        (["title": ""], ["title: must be 1 to 300 characters"]),
        (["title": "   "], ["title: must be 1 to 300 characters"]),
        (["title": .string(long)], ["title: must be 1 to 300 characters"]),
        (["title": 12], ["title: must be a string"]),
        (["title": .null], ["title: must not be null"]),
        (["title": "t", "summary": .string(String(repeating: "s", count: 1001))],
         ["summary: must be at most 1000 characters"]),
        (["title": "t", "body": .string(String(repeating: "b", count: 200_001))],
         ["body: must be at most 200000 characters"]),
        (["title": "t", "tags": .array((0..<21).map { .string("t\($0)") })], ["tags: must have at most 20 tags"]),
        (["title": "t", "tags": ["ok", .string(String(repeating: "g", count: 51))]],
         ["tags[1]: must be 1 to 50 characters"]),
        (["title": "t", "tags": ["ok", " "]], ["tags[1]: must be 1 to 50 characters"]),
        (["title": "t", "tags": "cuba"], ["tags: must be an array"]),
        (["title": "t", "tags": ["a", 3]], ["tags[1]: must be a string"]),
        (["title": "t", "cases": ["existing-case", "missing-case"]], ["cases[1]: no such case"]),
        (["title": "t", "status": "live"], ["status: must be one of: draft, published"]),
        (["title": "t", "published_at": "yesterday"],
         ["published_at: must be an RFC 3339 time between years 0001 and 9999, such as 2020-09-04T00:00:00Z"]),
        (["title": "t", "published_at": "2020-09-04"],
         ["published_at: must be an RFC 3339 time between years 0001 and 9999, such as 2020-09-04T00:00:00Z"]),
        (["title": "t", "published_at": "0000-01-01T00:00:00Z"],
         ["published_at: must be an RFC 3339 time between years 0001 and 9999, such as 2020-09-04T00:00:00Z"]),
        (["title": "t", "image": ["url": "ftp://example.org/a.png"]],
         ["image.url: must be an http:// or https:// URL of at most 2048 characters"]),
        (["title": "t", "image": ["url": "https://example.org/a b.png"]],
         ["image.url: must be an http:// or https:// URL of at most 2048 characters"]),
        (["title": "t", "image": ["url": .string("https://example.org/" + String(repeating: "a", count: 2030))]],
         ["image.url: must be an http:// or https:// URL of at most 2048 characters"]),
        (["title": "t", "image": ["caption": "c"]], ["image.url: is required"]),
        (["title": "t", "image": ["url": "https://e.org/a", "caption": .string(String(repeating: "c", count: 1001))]],
         ["image.caption: must be at most 1000 characters"]),
        (["title": "t", "image": ["url": "https://e.org/a", "alt": "x"]], ["image.alt: is not a known field"]),
        (["title": "t", "image": "https://e.org/a"], ["image: must be an object"]),
        (["title": "t", "slug": "Bad Slug"],
         ["slug: must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"]),
        (["title": "t", "slug": "trailing-"],
         ["slug: must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"]),
        (["title": "t", "colour": "red", "tally": 3], ["colour: is not a known field", "tally: is not a known field"]),
        (["summary": 3, "status": "x", "extra": 1],
         ["extra: is not a known field", "title: is required", "summary: must be a string",
          "status: must be one of: draft, published"]),
    ]

    @Test(.enabled(if: TestEngine.isSQLite), arguments: cases)
    func createIsRefused(_ body: JSONValue, _ errors: [String]) throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("cases", ["name": "Existing case", "country": "CU"], token: token)
        let response = try server.send("POST", "/v1/posts", body: body, token: token)
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.fieldErrors == errors)
        let count = try server.database.read { try $0.cachedStatement("SELECT count(*) FROM posts").scalarInt64() }
        #expect(count == 0)
    }

    @Test func lengthsCountCodePointsLikeSQLite() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        // 300 precomposed "é" and 300 emoji are 300 characters each (SQLite's length()), however many bytes.
        for title in [String(repeating: "é", count: 300), String(repeating: "🕊", count: 300)] {
            let post = try server.create("posts", ["title": .string(title)], token: token)
            #expect(post["title"]?.stringValue == title)
        }
        let over = try server.send("POST", "/v1/posts", body: ["title": .string(String(repeating: "🕊", count: 301))],
                                   token: token)
        #expect(over.fieldErrors == ["title: must be 1 to 300 characters"])
    }

    @Test func limitsAtTheirEdgeAreAccepted() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let post = try server.create("posts", [
            "title": .string(String(repeating: "t", count: 300)),
            "summary": .string(String(repeating: "s", count: 1000)),
            "body": .string(String(repeating: "b", count: 200_000)),
            "tags": .array((0..<20).map { .string(String(repeating: "g", count: 49) + "\($0 % 10)") }),
            "image": ["url": .string("https://e.org/" + String(repeating: "a", count: 2048 - 14)),
                      "caption": .string(String(repeating: "c", count: 1000))],
        ], token: token)
        #expect(post["tags"]?.arrayValue?.count == 10)
        #expect(post["body"]?.stringValue?.count == 200_000)
    }
}
