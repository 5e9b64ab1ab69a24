@testable import API
@testable import GoodNews
import JSON
import Testing

/// Issue 8: a case `name` of "\u0000", or a tag holding a NUL, passed validation and then failed a CHECK
/// (SQLite's `length()` stops at a NUL): a 500. Every text member of every body now refuses C0 controls and
/// DEL with a 422 naming the member; tab, LF and CR only in long text (`summary`, `body`, `description`).
/// Query filters holding controls are a 400.
@Suite struct ControlCharacterTests {
    static let refusedEverywhere = ["\u{0}", "a\u{0}b", "a\u{1}", "\u{1B}[31m", "a\u{7F}", "\u{1F}x"]
    static let lineBreaks = ["a\tb", "a\nb", "a\r\nb"]

    private static func server() throws -> (TestServer, String) {
        let server = try TestServer { database in try CaseFixtures.insertCase(database, slug: "a-case") }
        return (server, try server.makeToken())
    }

    /// (path, method, a body template where `X` stands for the member under test, the member's name).
    static let shortText: [(String, String, JSONValue, String)] = [
        ("/v1/posts", "POST", ["title": "X"], "title"),
        ("/v1/posts", "POST", ["title": "t", "slug": "X"], "slug"),
        ("/v1/posts", "POST", ["title": "t", "tags": ["ok", "fine", "X"]], "tags[2]"),
        ("/v1/posts", "POST", ["title": "t", "cases": ["a-case", "X"]], "cases[1]"),
        ("/v1/posts", "POST", ["title": "t", "image": ["url": "https://example.org/X.jpg"]], "image.url"),
        ("/v1/posts", "POST", ["title": "t", "image": ["url": "https://example.org/a.jpg", "caption": "X"]],
         "image.caption"),
        ("/v1/posts", "POST", ["title": "t", "status": "X"], "status"),
        ("/v1/posts", "POST", ["title": "t", "published_at": "X"], "published_at"),
        ("/v1/posts/1", "PATCH", ["title": "X"], "title"),
        ("/v1/posts/1", "PATCH", ["tags": ["X"]], "tags[0]"),
        ("/v1/posts/1", "PATCH", ["image": ["url": "https://example.org/a.jpg", "caption": "X"]], "image.caption"),
        ("/v1/cases", "POST", ["name": "X", "country": "CU"], "name"),
        ("/v1/cases", "POST", ["name": "n", "country": "X"], "country"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "outcome": "X"], "outcome"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "campaign": "X"], "campaign"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "tags": ["X"]], "tags[0]"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "slug": "X"], "slug"),
        ("/v1/cases/a-case", "PATCH", ["name": "X"], "name"),
        ("/v1/cases/a-case", "PATCH", ["country": "X"], "country"),
        ("/v1/cases/a-case", "PATCH", ["campaign": "X"], "campaign"),
        ("/v1/cases/a-case", "PATCH", ["outcome": "X"], "outcome"),
        ("/v1/cases/a-case", "PATCH", ["tags": ["ok", "X"]], "tags[1]"),
        ("/v1/cases/a-case/actions", "POST", ["kind": "letter", "source": "X"], "source"),
        ("/v1/cases/a-case/actions", "POST", ["kind": "letter", "country": "X"], "country"),
        ("/v1/cases/a-case/actions", "POST", ["kind": "X"], "kind"),
    ]

    static let longText: [(String, String, JSONValue, String)] = [
        ("/v1/posts", "POST", ["title": "t", "summary": "X"], "summary"),
        ("/v1/posts", "POST", ["title": "t", "body": "X"], "body"),
        ("/v1/posts/1", "PATCH", ["body": "X"], "body"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "summary": "X"], "summary"),
        ("/v1/cases", "POST", ["name": "n", "country": "CU", "description": "X"], "description"),
        ("/v1/cases/a-case", "PATCH", ["description": "X"], "description"),
    ]

    /// `template` with every string "X" (and "…X…" inside strings) replaced by `value`.
    static func filled(_ template: JSONValue, _ value: String) -> JSONValue {
        switch template {
        case .string(let text): .string(text.replacing("X", with: value))
        case .array(let items): .array(items.map { filled($0, value) })
        case .object(let object):
            .object(JSONObject(object.members.map { (key: $0.key, value: filled($0.value, value)) }))
        default: template
        }
    }

    @Test func everyTextMemberRefusesControlCharacters() throws {
        let (server, token) = try Self.server()
        defer { server.stop() }
        _ = try server.create("posts", ["title": "A post"], token: token)
        for (path, method, template, field) in Self.shortText {
            for value in Self.refusedEverywhere + Self.lineBreaks {
                let response = try server.send(method, path, body: Self.filled(template, value), token: token)
                #expect(response.status == 422, "\(method) \(path) \(field)=\(value.debugDescription): \(response.text)")
                #expect(response.fieldErrors.contains { $0.hasPrefix(field + ":") },
                        "\(field)=\(value.debugDescription): \(response.fieldErrors)")
            }
        }
        for (path, method, template, field) in Self.longText {
            for value in Self.refusedEverywhere {
                let response = try server.send(method, path, body: Self.filled(template, value), token: token)
                #expect(response.status == 422, "\(method) \(path) \(field)=\(value.debugDescription): \(response.text)")
                #expect(response.fieldErrors.contains { $0.hasPrefix(field + ":") }, "\(response.fieldErrors)")
            }
        }
        #expect(try server.get("/healthz").status == 200)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 0)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM cases") == 1)
    }

    @Test func longTextKeepsTabsAndLineBreaks() throws {
        let (server, token) = try Self.server()
        defer { server.stop() }
        let body = "First line\tindented\nsecond line\r\nthird"
        let post = try server.create("posts", ["title": "Lines", "summary": .string(body), "body": .string(body)],
                                     token: token)
        #expect(post["body"]?.stringValue == body && post["summary"]?.stringValue == body)
        let created = try server.create("cases", ["name": "Lines", "country": "CU", "description": .string(body)],
                                        token: token)
        #expect(created["description"]?.stringValue == body)
    }

    @Test func queryFiltersRefuseControlCharacters() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        let targets = ["/v1/posts?tag=", "/v1/posts?case=", "/v1/posts?q=", "/v1/posts?status=",
                       "/v1/cases?tag=", "/v1/cases?campaign=", "/v1/cases?q=", "/v1/cases?country=",
                       "/v1/cases?status=", "/v1/search?q=", "/v1/tallies?campaign=", "/v1/tallies?case=",
                       "/v1/stream/tallies?case="]
        for target in targets {
            for value in Self.refusedEverywhere + ["a\tb", "CU\n", "\tCU"] {
                let response = try server.get(target + QueryText.percentEncoded(value))
                #expect(response.status == 400, "\(target)\(value.debugDescription): \(response.status) \(response.text)")
            }
        }
        #expect(try server.get("/healthz").status == 200)
    }

    @Test func idempotencyKeysRefuseTabs() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        let response = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                       headers: [("Idempotency-Key", "a\tb")])
        #expect(response.status == 400)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 0)
    }

    @Test(arguments: [
        ("plain", FieldRules.TextKind.short, true), ("tab\there", .short, false), ("nul\u{0}", .short, false),
        ("del\u{7F}", .short, false), ("é ü 漢字 🙂", .short, true), ("\u{85}next line", .short, true),
        ("tab\there\nnew\r\nline", .long, true), ("bell\u{7}", .long, false), ("nul\u{0}", .long, false),
        ("esc\u{1B}", .long, false), ("del\u{7F}", .long, false),
    ])
    func theRuleItself(_ text: String, _ kind: FieldRules.TextKind, _ accepted: Bool) {
        #expect((FieldRules.controlIssue(text, kind) == nil) == accepted)
    }
}
