@testable import API
import GoodNews
import JSON
import Testing

@Suite struct CaseRoutesTests {
    @Test func createThenRead() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let response = try server.send("POST", "/v1/cases", body: [
            "name": "Roberto de Jesús Quiñones Haces", "country": " cu ", "summary": "Journalist",
            "description": "Markdown", "status": "resolved", "outcome": "Released 4 September 2020",
            "campaign": "  World Press Freedom Day 2020 ", "tags": ["journalist"], "action_goal": 5000,
            "id": 1, "created_at": "x", "updated_at": "y", "tally": ["total": 99],
        ], token: token)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/cases/roberto-de-jesus-quinones-haces")
        let created = try response.json()
        #expect(created["slug"] == "roberto-de-jesus-quinones-haces")
        #expect(created["country"] == "CU")
        #expect(created["campaign"] == "World Press Freedom Day 2020")
        #expect(created["outcome"] == "Released 4 September 2020")
        #expect(created["action_goal"] == 5000)
        #expect(created["tags"] == ["journalist"])
        #expect(created["status"] == "resolved")
        #expect(created["tally"] == ["total": 0, "by_kind": [:]])
        let id = try #require(created["id"]?.int64Value)
        #expect(try server.getJSON("/v1/cases/\(id)") == created)
        #expect(try server.getJSON("/v1/cases/roberto-de-jesus-quinones-haces") == created)
        #expect(try server.get("/v1/cases/nobody").status == 404)

        let minimal = try server.create("cases", ["name": "Quiñones", "country": "SS"], token: token)
        #expect(minimal["status"] == "active")
        #expect(minimal["outcome"] == .null)
        #expect(minimal["campaign"] == .null)
        #expect(minimal["action_goal"] == .null)
        #expect(minimal["summary"] == "")
        #expect(try server.create("cases", ["name": "Quiñones", "country": "SS"], token: token)["slug"] == "quinones-2")
        #expect(try server.send("POST", "/v1/cases", body: ["name": "x", "country": "CA", "slug": "quinones"],
                                token: token).status == 409)
    }

    static let invalid: [(body: JSONValue, errors: [String])] = [
        ([:], ["name: is required", "country: is required"]),
        (["name": "", "country": "CU"], ["name: must be 1 to 300 characters"]),
        (["name": .string(String(repeating: "n", count: 301)), "country": "CU"], ["name: must be 1 to 300 characters"]),
        (["name": "n", "country": "CUB"], ["country: must be an ISO 3166-1 alpha-2 code (two letters, such as CU)"]),
        (["name": "n", "country": "1A"], ["country: must be an ISO 3166-1 alpha-2 code (two letters, such as CU)"]),
        (["name": "n", "country": "ß"], ["country: must be an ISO 3166-1 alpha-2 code (two letters, such as CU)"]),
        (["name": "n", "country": "CU", "status": "open"], ["status: must be one of: active, resolved, closed"]),
        (["name": "n", "country": "CU", "action_goal": 0], ["action_goal: must be a positive integer"]),
        (["name": "n", "country": "CU", "action_goal": 1.5], ["action_goal: must be an integer"]),
        (["name": "n", "country": "CU", "action_goal": "5"], ["action_goal: must be an integer"]),
        (["name": "n", "country": "CU", "outcome": .string(String(repeating: "o", count: 1001))],
         ["outcome: must be at most 1000 characters"]),
        (["name": "n", "country": "CU", "campaign": .string(String(repeating: "c", count: 201))],
         ["campaign: must be at most 200 characters"]),
        (["name": "n", "country": "CU", "summary": .string(String(repeating: "s", count: 1001))],
         ["summary: must be at most 1000 characters"]),
        (["name": "n", "country": "CU", "description": .string(String(repeating: "d", count: 200_001))],
         ["description: must be at most 200000 characters"]),
        (["name": "n", "country": "CU", "tags": .array((0..<21).map { .string("t\($0)") })],
         ["tags: must have at most 20 tags"]),
        (["name": "n", "country": "CU", "slug": "Not A Slug"],
         ["slug: must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"]),
        (["name": "n", "country": "CU", "title": "posts have titles"], ["title: is not a known field"]),
    ]

    @Test(arguments: invalid)
    func createIsRefused(_ body: JSONValue, _ errors: [String]) throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.send("POST", "/v1/cases", body: body, token: try server.makeToken())
        #expect(response.status == 422)
        #expect(response.fieldErrors == errors)
    }

    @Test func writesNeedATokenAndJSON() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("cases", ["name": "Kept", "country": "CU"], token: token)
        for (method, target) in [("POST", "/v1/cases"), ("PATCH", "/v1/cases/kept"), ("DELETE", "/v1/cases/kept")] {
            for bad in [nil, "gn_wrong"] {
                let response = try server.request(method, target, headers: [("Content-Type", "application/json")],
                                                  body: "{}", token: bad)
                #expect(response.status == 401)
                #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            }
        }
        #expect(try server.request("POST", "/v1/cases", body: "{}", token: token).status == 415)
        #expect(try server.send("POST", "/v1/cases", json: "{", token: token).status == 400)
        #expect(try server.get("/v1/cases", token: "gn_wrong").status == 401)
        #expect(try server.get("/v1/cases", token: token).header("Cache-Control") == "private, no-store")
    }

    @Test func patchAndNullClears() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        try server.create("cases", ["name": "Magai Matiop Ngong", "country": "SS", "campaign": "Write for Rights 2019",
                                    "outcome": "Sentence quashed", "action_goal": 100, "tags": ["youth"]], token: token)
        func patch(_ body: JSONValue) throws -> TestResponse {
            try server.send("PATCH", "/v1/cases/magai-matiop-ngong", body: body, token: token)
        }
        let changed = try patch(["status": "closed", "country": "ca", "name": "Magai"]).json()
        #expect(changed["status"] == "closed")
        #expect(changed["country"] == "CA")
        #expect(changed["name"] == "Magai")
        #expect(changed["slug"] == "magai-matiop-ngong")
        #expect(changed["campaign"] == "Write for Rights 2019")
        let cleared = try patch(["campaign": .null, "outcome": "  ", "action_goal": .null, "tags": .null,
                                 "summary": .null]).json()
        #expect(cleared["campaign"] == .null)
        #expect(cleared["outcome"] == .null)
        #expect(cleared["action_goal"] == .null)
        #expect(cleared["tags"] == [])
        #expect(cleared["summary"] == "")
        #expect(try patch(["name": .null, "country": .null]).fieldErrors
                    == ["name: must not be null", "country: must not be null"])
        #expect(try patch(["action_goal": -1]).fieldErrors == ["action_goal: must be a positive integer"])
        #expect(try patch(["colour": "red"]).fieldErrors == ["colour: is not a known field"])
        #expect(try server.send("PATCH", "/v1/cases/nobody", body: [:], token: token).status == 404)
    }

    @Test func tallyComesFromTheTallyTables() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let created = try server.create("cases", ["name": "Counted", "country": "CU"], token: token)
        let id = try #require(created["id"]?.int64Value)
        try server.insertAction(caseID: id, kind: "letter", count: 4000)
        try server.insertAction(caseID: id, kind: "email", count: 21)
        try server.insertAction(caseID: id, kind: "letter")
        let tally: JSONValue = ["total": 4022, "by_kind": ["email": 21, "letter": 4001]]
        #expect(try server.getJSON("/v1/cases/counted")["tally"] == tally)
        #expect(try server.getJSON("/v1/cases")["data"]?.arrayValue?.first?["tally"] == tally)
    }

    @Test func caseWithActionsCannotBeDeleted() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let busy = try server.create("cases", ["name": "Busy", "country": "CU"], token: token)
        try server.create("cases", ["name": "Quiet", "country": "CU", "tags": ["x"]], token: token)
        try server.create("posts", ["title": "About both", "cases": ["quiet", "busy"], "status": "published"],
                          token: token)
        try server.insertAction(caseID: try #require(busy["id"]?.int64Value), kind: "petition")

        let refused = try server.request("DELETE", "/v1/cases/busy", token: token)
        #expect(refused.status == 409)
        #expect(try refused.json()["detail"]?.stringValue?.contains("close it instead") == true)
        #expect(try server.get("/v1/cases/busy").status == 200)

        #expect(try server.getJSON("/v1/posts/about-both")["cases"] == ["quiet", "busy"], "in the order given")
        #expect(try server.request("DELETE", "/v1/cases/quiet", token: token).status == 204)
        #expect(try server.get("/v1/cases/quiet").status == 404)
        #expect(try server.getJSON("/v1/posts/about-both")["cases"] == ["busy"])
        #expect(try server.request("DELETE", "/v1/cases/quiet", token: token).status == 404)
    }
}
