@testable import API
@testable import GoodNews
import JSON
import Testing

/// Issue 8: one header (`Last-Event-ID: -9223372036854775808`) trapped on overflow and stopped the process.
/// Every number a client can send — headers, query, cursors and what they decode to, dates, path ids, body
/// fields — is thrown extreme values here; each must get a 4xx or a correct answer, and the server must
/// still answer afterwards.
@Suite struct NumericInputTests {
    /// Values that break naive integer handling.
    static let extremes = [
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999", "-0", "+5", "1e400", "-1e400", "5.0", " 5", "0x10", "",
    ]

    private static func server() throws -> (TestServer, String) {
        let server = try TestServer { database in
            let id = try CaseFixtures.insertCase(database, slug: "a-case", goal: 10)
            try CaseFixtures.insertAction(database, caseID: id, at: 1_600_000_000)
        }
        return (server, try server.makeToken())
    }

    private static func expectAlive(_ server: TestServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try server.get("/healthz").status == 200, "the server stopped answering", sourceLocation: sourceLocation)
    }

    @Test func lastEventIDOfAnyShapeIsA400OrAStream() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        for value in Self.extremes where !value.isEmpty && value != " 5" {
            let response = try server.get("/v1/stream/tallies", headers: [("Last-Event-ID", value)])
            #expect(response.status == 400, "Last-Event-ID: \(value)")
        }
        for value in ["0", "1", "999999999999999999", ""] {
            let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies", headers: [("Last-Event-ID", value)])
            #expect(stream.status == 200, "Last-Event-ID: \(value)")
        }
        // An id newer than any action (another database's) resends every case.
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies",
                                   headers: [("Last-Event-ID", "999999999999999999")])
        #expect(try stream.next().data.contains(#""case":"a-case""#))
        try Self.expectAlive(server)
    }

    @Test func limitsAreDigitsOnly() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        for path in ["/v1/posts?limit=", "/v1/cases?limit=", "/v1/search?q=word&limit="] {
            for value in Self.extremes {
                let response = try server.get(path + QueryText.percentEncoded(value))
                #expect(response.status == 400, "\(path)\(value)")
            }
            #expect(try server.get(path + "100").status == 200)
        }
        try Self.expectAlive(server)
    }

    @Test func cursorsDecodingToExtremeNumbersAreCorrectAnswers() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        for at in [Int64.min, -1, 0, Int64.max] {
            for id in [Int64.min, 0, Int64.max] {
                let posts = ListCursor(kind: .posts, at: at, id: id).token
                #expect(try server.get("/v1/posts?include_total=true&cursor=" + posts).status == 200, "\(at) \(id)")
                let cases = ListCursor(kind: .cases, at: at, id: id).token
                let page = try server.getJSON("/v1/cases?cursor=" + cases)
                // Before every row (newest first): the case; past every row: nothing.
                #expect(page.slugs == (at == Int64.max ? ["a-case"] : []), "\(at) \(id)")
            }
        }
        #expect(try server.get("/v1/posts?cursor=" + ListCursor(kind: .posts, at: nil, id: .min).token).status == 200)
        try Self.expectAlive(server)
    }

    @Test func datesAtAndBeyondTheEdgesOfTheCalendar() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        let accepted = ["0000-01-01", "9999-12-31", "9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00+23:59",
                        "2020-02-29T23:59:60Z"]
        let refused = ["99999-01-01", "+2020-01-01", "-2020-01-01", "2020-13-01", "2019-02-29", "1e400",
                       "-9223372036854775808", "2020-01-01T00:00:00+99:00", "2020-01-01T24:00:00Z"]
        for value in accepted {
            let encoded = QueryText.percentEncoded(value)
            #expect(try server.get("/v1/posts?from=\(encoded)&to=\(encoded)").status == 200, "\(value)")
            #expect(try server.get("/v1/tallies?group_by=kind&from=\(encoded)").status == 200, "\(value)")
            #expect(try server.get("/v1/tallies?group_by=day&to=\(encoded)").status != 500, "\(value)")
        }
        for value in refused {
            let encoded = QueryText.percentEncoded(value)
            #expect(try server.get("/v1/posts?from=\(encoded)").status == 400, "\(value)")
            #expect(try server.get("/v1/tallies?to=\(encoded)").status == 400, "\(value)")
        }
        #expect(try server.get("/v1/tallies?group_by=day&from=0000-01-01&to=9999-12-31").status == 400)
        let lastDay = try server.getJSON("/v1/tallies?group_by=day&from=9999-12-31&to=9999-12-31")
        #expect(lastDay["groups"]?.arrayValue?.count == 1)
        try Self.expectAlive(server)
    }

    @Test func idsInPathsAndFiltersOfAnySize() throws {
        let (server, token) = try Self.server()
        defer { server.stop() }
        for id in Self.extremes where !id.isEmpty && id != " 5" {
            let segment = QueryText.percentEncoded(id)
            #expect(try server.get("/v1/posts/\(segment)").status == 404, "\(id)")
            #expect(try server.get("/v1/posts/\(segment)", token: token).status == 404, "\(id)")
            #expect(try server.get("/v1/cases/\(segment)").status == 404, "\(id)")
            #expect(try server.get("/v1/cases/\(segment)/tally").status == 404, "\(id)")
            #expect(try server.send("POST", "/v1/cases/\(segment)/actions", json: #"{"kind":"letter"}"#).status == 404)
            #expect(try server.send("PATCH", "/v1/cases/\(segment)", json: "{}", token: token).status == 404)
            #expect(try server.request("DELETE", "/v1/posts/\(segment)", token: token).status == 404)
            // Not an id nor a slug: 400; a slug that names nothing (`1e400`): 404.
            #expect([400, 404].contains(try server.get("/v1/stream/tallies?case=\(segment)").status), "\(id)")
            #expect([400, 404].contains(try server.get("/v1/tallies?case=\(segment)").status), "\(id)")
            #expect(try server.get("/v1/posts?case=\(segment)").status == 200, "\(id)")  // an unknown case: empty
        }
        #expect(try server.get("/v1/cases/9223372036854775807/tally").status == 404)
        try Self.expectAlive(server)
    }

    @Test func bodyNumbersOutOfRange() throws {
        let (server, token) = try Self.server()
        defer { server.stop() }
        // The count of an action: (literal, status without a token, status with one).
        let counts: [(String, Int, Int)] = [
            ("9223372036854775807", 422, 422), ("-9223372036854775808", 422, 422), ("9223372036854775808", 422, 422),
            ("-9223372036854775809", 422, 422), ("99999999999999999999999999", 422, 422), ("1e400", 400, 400),
            ("-1e400", 400, 400), ("-0", 422, 422), ("0", 422, 422), ("1e2", 401, 201), ("1.0", 201, 201),
            ("1.5", 422, 422), ("10000000", 401, 201), ("1e7", 401, 201), ("10000001", 422, 422), ("\"1\"", 422, 422),
        ]
        for (literal, anonymous, admin) in counts {
            let body = #"{"kind":"letter","count":\#(literal)}"#
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: body).status == anonymous, "\(literal)")
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: body, token: token).status == admin,
                    "\(literal)")
        }
        // A case's goal.
        let goals: [(String, Int)] = [
            ("9223372036854775807", 201), ("-9223372036854775808", 422), ("9223372036854775808", 422),
            ("1e400", 400), ("-0", 422), ("0", 422), ("1e18", 201), ("2.5", 422),
        ]
        for (index, (literal, status)) in goals.enumerated() {
            let body = #"{"name":"Goal \#(index)","country":"CU","action_goal":\#(literal)}"#
            #expect(try server.send("POST", "/v1/cases", json: body, token: token).status == status, "\(literal)")
            #expect(try server.send("PATCH", "/v1/cases/a-case", json: #"{"action_goal":\#(literal)}"#,
                                    token: token).status == (status == 201 ? 200 : status), "\(literal)")
        }
        // The largest goal and total still give a progress figure.
        let tally = try server.getJSON("/v1/cases/a-case/tally")
        #expect(tally["goal"]?.int64Value == 1_000_000_000_000_000_000)
        #expect(tally["progress"]?.doubleValue == 0)
        try Self.expectAlive(server)
    }

    @Test func groupTotalsSaturateInsteadOfTrapping() {
        let huge = [TallyGroup(key: "a", total: .max), TallyGroup(key: "b", total: .max),
                    TallyGroup(key: nil, total: 5)]
        #expect(TallyService.sum(huge) == .max)
        #expect(TallyService.sum([TallyGroup(key: "a", total: 2), TallyGroup(key: "b", total: 3)]) == 5)
    }
}
