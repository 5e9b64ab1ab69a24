import Foundation
@testable import API
import GoodNews
import JSON
import Testing

@Suite struct ActionRecordingTests {
    @Test func publicActionAnswers201WithTheActionAndTheTally() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "roberto-quinones")
        let response = try server.send("POST", "/v1/cases/roberto-quinones/actions",
                                       json: #"{"kind": "letter", "country": "ca", "source": "w4r-2019"}"#)
        #expect(response.status == 201)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("Cache-Control") == "no-store")
        let body = try response.json()
        let action = try #require(body["action"])
        #expect(action["id"]?.int64Value == 1)
        #expect(action["case"]?.stringValue == "roberto-quinones")
        #expect(action["kind"]?.stringValue == "letter")
        #expect(action["count"]?.int64Value == 1)
        #expect(action["country"]?.stringValue == "CA")
        #expect(action["source"]?.stringValue == "w4r-2019")
        let createdAt = try #require(action["created_at"]?.stringValue)
        #expect(Timestamp(rfc3339: createdAt) != nil)
        #expect(body["tally"] == ["total": 1, "by_kind": ["letter": 1], "by_country": ["CA": 1]])

        let second = try server.send("POST", "/v1/cases/1/actions", json: #"{"kind": "email"}"#)
        #expect(second.status == 201)
        #expect(try second.json()["action"]?["country"] == .null)
        #expect(try second.json()["tally"] == ["total": 2, "by_kind": ["email": 1, "letter": 1], "by_country": ["CA": 1]])
    }

    @Test func unknownCaseIs404() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.send("POST", "/v1/cases/nobody/actions", json: #"{"kind":"letter"}"#).status == 404)
        #expect(try server.send("POST", "/v1/cases/99/actions", json: #"{"kind":"letter"}"#).status == 404)
        #expect(try server.send("POST", "/v1/cases/Not_A_Slug/actions", json: #"{"kind":"letter"}"#).status == 404)
    }

    @Test(arguments: [
        (#"{"kind": "fax"}"#, "kind"),
        (#"{}"#, "kind"),
        (#"{"kind": 3}"#, "kind"),
        (#"{"kind": "letter", "count": 0}"#, "count"),
        (#"{"kind": "letter", "count": 1.5}"#, "count"),
        (#"{"kind": "letter", "country": "CAN"}"#, "country"),
        (#"{"kind": "letter", "country": "C1"}"#, "country"),
        (#"{"kind": "letter", "source": ""}"#, "source"),
        (#"{"kind": "letter", "voice": "loud"}"#, "voice"),
    ])
    func invalidBodiesAre422NamingTheField(body: String, field: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let response = try server.send("POST", "/v1/cases/a-case/actions", json: body)
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        let fields = try response.json()["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
        #expect(fields?.contains(field) == true)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 0)
    }

    @Test func readOnlyFieldsAreIgnoredAndNullMeansAbsent() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let response = try server.send("POST", "/v1/cases/a-case/actions", json: """
            {"kind": "call", "count": null, "country": null, "id": 77, "created_at": "x", "tally": {}}
            """)
        #expect(response.status == 201)
        #expect(try response.json()["action"]?["count"]?.int64Value == 1)
    }

    @Test func malformedAndNonJSONBodiesAreRefused() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind": "#).status == 400)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: "[1]").status == 400)
        let plain = try server.request("POST", "/v1/cases/a-case/actions", headers: [("Content-Type", "text/plain")],
                                       body: #"{"kind":"letter"}"#)
        #expect(plain.status == 415)
    }

    @Test func publicActionsOnAResolvedOrClosedCaseAre409ButAnAdminMayRecordThem() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "freed", status: "resolved")
        try CaseFixtures.insertCase(server, slug: "closed-case", status: "closed")
        let refused = try server.send("POST", "/v1/cases/freed/actions", json: #"{"kind":"letter"}"#)
        #expect(refused.status == 409)
        #expect(try refused.json()["detail"]?.stringValue?.contains("resolved") == true)
        #expect(try server.send("POST", "/v1/cases/closed-case/actions", json: #"{"kind":"letter"}"#).status == 409)
        let token = try server.makeToken()
        let admin = try server.send("POST", "/v1/cases/freed/actions", json: #"{"kind":"letter","count":40}"#, token: token)
        #expect(admin.status == 201)
        #expect(try admin.json()["tally"]?["total"]?.int64Value == 40)
    }

    @Test func bulkCountsNeedAToken() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let token = try server.makeToken()

        let anonymous = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter","count":2}"#)
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let badToken = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, token: "gn_wrong")
        #expect(badToken.status == 401)
        #expect(badToken.header("WWW-Authenticate") != nil)

        for count in [0, 10_000_001] {
            let outOfRange = try server.send("POST", "/v1/cases/a-case/actions",
                                             json: #"{"kind":"letter","count":\#(count)}"#, token: token)
            #expect(outOfRange.status == 422)
        }
        let most = try server.send("POST", "/v1/cases/a-case/actions",
                                   json: #"{"kind":"event","count":10000000}"#, token: token)
        #expect(most.status == 201)
        let bulk = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter","count":4000}"#, token: token)
        #expect(bulk.status == 201)
        #expect(try bulk.json()["tally"]?["total"]?.int64Value == 10_004_000)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 2)
    }
}
