import Foundation
@testable import API
@testable import GoodNews
import JSON
import SQLite
@testable import SQLiteStore
import Testing

@Suite struct ActionTallyTests {
    /// Issue 8: progress was rounded to the nearest, so 999,999 of 1,000,000 showed 1.0. Rounded down, a
    /// goal never looks reached before it is; past it, progress goes on above 1.
    @Test(arguments: [
        (Int64(999_999), Int64(1_000_000), 0.9999), (1_000_000, 1_000_000, 1.0), (1_000_001, 1_000_000, 1.0),
        (1_999_999, 1_000_000, 1.9999), (2, 3, 0.6666), (1, 3, 0.3333), (0, 5, 0.0), (3, 8, 0.375),
        (99_999, 100_000_000, 0.0009), (1, 10_000, 0.0001), (9_999, 100_000_000, 0.0), (2, 1, 2.0),
        (.max, .max, 1.0), (.max - 1, .max, 0.9999), (.max, 1, 9_223_372_036_854_775_807.0), (.max, 3, 3_074_457_345_618_258_602.0),
        (-5, 10, 0.0),
    ])
    func progressIsRoundedDown(_ total: Int64, _ goal: Int64, _ progress: Double) {
        #expect(TallyJSON.progress(total: total, goal: goal) == progress)
        #expect((TallyJSON.progress(total: total, goal: goal) >= 1) == (total >= goal))
    }

    @Test func aGoalOneShortIsNotShownAsReached() throws {
        let server = try TestServer { database in
            let id = try CaseFixtures.insertCase(database, slug: "letters", goal: 1_000_000)
            try CaseFixtures.insertAction(database, caseID: id, count: 999_999, at: 1_600_000_000)
        }
        defer { server.stop() }
        let tally = try server.get("/v1/cases/letters/tally")
        #expect(tally.text.contains(#""progress":0.9999,"#), "\(tally.text)")
        let token = try server.makeToken()
        #expect(try server.send("POST", "/v1/cases/letters/actions", json: #"{"kind":"letter"}"#, token: token).status == 201)
        #expect(try server.get("/v1/cases/letters/tally").json()["progress"] == 1.0)
    }
    @Test func caseTallyHasGoalProgressAndUpdatedAt() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "with-goal", goal: 8)
        try CaseFixtures.insertCase(server, slug: "no-goal")

        let empty = try server.get("/v1/cases/with-goal/tally")
        #expect(empty.status == 200)
        #expect(try empty.json() == ["case": "with-goal", "total": 0, "by_kind": [:], "by_country": [:],
                                     "goal": 8, "progress": 0.0, "updated_at": .null])
        for body in [#"{"kind":"letter","country":"CU"}"#, #"{"kind":"email"}"#, #"{"kind":"letter","country":"CU"}"#] {
            #expect(try server.send("POST", "/v1/cases/with-goal/actions", json: body).status == 201)
        }
        let tally = try server.get("/v1/cases/1/tally").json()
        #expect(tally["case"] == "with-goal")
        #expect(tally["total"] == 3)
        #expect(tally["by_kind"] == ["email": 1, "letter": 2])
        #expect(tally["by_country"] == ["CU": 2])
        #expect(tally["progress"] == 0.375)
        #expect(tally["updated_at"]?.stringValue.flatMap { Timestamp(rfc3339: $0) } != nil)
        #expect(try server.get("/v1/cases/no-goal/tally").json()["progress"] == .null)
        #expect(try server.get("/v1/cases/nobody/tally").status == 404)
    }

    @Test func tallyAnswersCarryAnETagAndAreNeverStaleAfterAnAction() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let first = try server.get("/v1/cases/a-case/tally")
        let etag = try #require(first.header("ETag"))
        #expect(first.header("Cache-Control") == "no-cache")
        // Second read comes from the cache: same tag, and a conditional read is a 304.
        #expect(try server.get("/v1/cases/a-case/tally").header("ETag") == etag)
        #expect(try server.get("/v1/cases/a-case/tally", headers: [("If-None-Match", etag)]).status == 304)
        for expected in 1...3 {
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
            #expect(try server.get("/v1/cases/a-case/tally").json()["total"]?.int64Value == Int64(expected))
            #expect(try server.get("/v1/stats").json()["actions_total"]?.int64Value == Int64(expected))
        }
        #expect(try server.get("/v1/cases/a-case/tally", headers: [("If-None-Match", etag)]).status == 200)
    }

    /// Three cases in two campaigns; actions on two days of 2020 and one of 2021.
    private func seeded() throws -> TestServer {
        try TestServer { database in
            let a = try CaseFixtures.insertCase(database, slug: "case-a", campaign: "W4R 2019")
            let b = try CaseFixtures.insertCase(database, slug: "case-b", campaign: "W4R 2019")
            let c = try CaseFixtures.insertCase(database, slug: "case-c", status: "resolved")
            let day1 = Timestamp(rfc3339: "2020-03-01T10:00:00Z")!.seconds
            let day2 = Timestamp(rfc3339: "2020-03-03T23:59:59Z")!.seconds
            let day3 = Timestamp(rfc3339: "2021-01-01T00:00:00Z")!.seconds
            try CaseFixtures.insertAction(database, caseID: a, kind: "letter", count: 10, country: "CA", at: day1)
            try CaseFixtures.insertAction(database, caseID: a, kind: "email", count: 5, at: day2)
            try CaseFixtures.insertAction(database, caseID: b, kind: "letter", count: 7, country: "FR", at: day2)
            try CaseFixtures.insertAction(database, caseID: c, kind: "call", count: 3, country: "CA", at: day3)
        }
    }

    private func groups(_ server: TestServer, _ query: String) throws -> (total: Int64?, groups: [String: Int64]) {
        let response = try server.get("/v1/tallies?" + query)
        #expect(response.status == 200, "\(query): \(response.text)")
        let body = try response.json()
        var groups: [String: Int64] = [:]
        for group in body["groups"]?.arrayValue ?? [] {
            groups[group["key"]?.stringValue ?? "null"] = group["total"]?.int64Value
        }
        return (body["total"]?.int64Value, groups)
    }

    @Test func talliesByEveryGroupingFromTheTallyTables() throws {
        let server = try seeded()
        defer { server.stop() }
        #expect(try groups(server, "").total == 25)
        #expect(try groups(server, "").groups.isEmpty)
        #expect(try groups(server, "group_by=case").groups == ["case-a": 15, "case-b": 7, "case-c": 3])
        #expect(try groups(server, "group_by=kind").groups == ["letter": 17, "email": 5, "call": 3])
        #expect(try groups(server, "group_by=country").groups == ["CA": 13, "FR": 7, "null": 5])
        #expect(try groups(server, "group_by=campaign").groups == ["W4R 2019": 22, "null": 3])
        #expect(try groups(server, "group_by=kind&campaign=W4R%202019").groups == ["letter": 17, "email": 5])
        #expect(try groups(server, "group_by=country&case=case-a") == (15, ["CA": 10, "null": 5]))
        #expect(try groups(server, "group_by=case&case=3&campaign=W4R+2019") == (0, [:]))
        // Ordered by total, largest first.
        let ordered = try server.get("/v1/tallies?group_by=case").json()["groups"]?.arrayValue?.map { $0["key"] }
        #expect(ordered == ["case-a", "case-b", "case-c"])
    }

    @Test func talliesOverATimeRangeAndByDay() throws {
        let server = try seeded()
        defer { server.stop() }
        #expect(try groups(server, "group_by=kind&from=2020-03-02") .groups == ["letter": 7, "email": 5, "call": 3])
        #expect(try groups(server, "group_by=case&from=2020-01-01&to=2020-12-31").groups == ["case-a": 15, "case-b": 7])
        #expect(try groups(server, "to=2020-03-03T23:59:59Z").total == 10)  // `to` is exclusive for a time…
        #expect(try groups(server, "to=2020-03-03").total == 22)            // …and takes in the whole of a date
        #expect(try groups(server, "group_by=campaign&from=2020-03-02").groups == ["W4R 2019": 12, "null": 3])
        #expect(try groups(server, "group_by=country&campaign=W4R%202019&from=2020-03-02").groups
                    == ["FR": 7, "null": 5])

        let days = try server.get("/v1/tallies?group_by=day&from=2020-03-01&to=2020-03-03").json()
        #expect(days["total"] == 22)
        #expect(days["groups"] == [["key": "2020-03-01", "total": 10], ["key": "2020-03-02", "total": 0],
                                   ["key": "2020-03-03", "total": 12]])
        #expect(try groups(server, "group_by=day&case=case-b&from=2020-03-01&to=2020-03-03").groups
                    == ["2020-03-01": 0, "2020-03-02": 0, "2020-03-03": 7])
        // Without from: from the first action; without to: up to now.
        let all = try server.get("/v1/tallies?group_by=day&campaign=W4R%202019&to=2020-03-04T00:00:00Z").json()
        #expect(all["groups"]?.arrayValue?.count == 3)
        #expect(all["total"] == 22)
        #expect(try groups(server, "group_by=day").total == 25)
    }

    @Test(arguments: ["group_by=weekday", "from=yesterday", "to=2020-13-01", "case=Bad_Slug",
                      "from=2021-01-01&to=2020-01-01", "group_by=day&from=1990-01-01&to=2020-01-01"])
    func badTallyQueriesAre400(query: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.get("/v1/tallies?" + query)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test func anUnknownCaseFilterIs404() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.get("/v1/tallies?case=nobody").status == 404)
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func rangedTalliesReadOnlyTheCoveringIndexes() throws {
        let server = try seeded()
        defer { server.stop() }
        for grouping in [nil, TallyQuery.Grouping.kind, .country, .case, .campaign] {
            for (caseReference, campaign) in [(nil, nil), (ContentRef.id(1), nil), (nil, "W4R 2019")] {
                let query = TallyQuery(groupBy: grouping, caseReference: caseReference, campaign: campaign,
                                       from: 0, to: 2_000_000_000)
                let plan = try server.database.read { connection in
                    try connection.prepare("EXPLAIN QUERY PLAN " + query.groupSQL).rows { $0.string(3) }
                }.joined(separator: " / ")
                #expect(plan.contains("COVERING INDEX actions_by"), "\(query): \(plan)")
                #expect(!plan.contains("SCAN t /") && !plan.hasSuffix("SCAN t") && !plan.contains("SCAN actions"),
                        "\(query): \(plan)")
            }
        }
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func statsCountPublicPostsCasesByStatusAndActions() throws {
        let server = try seeded()
        defer { server.stop() }
        let now = Timestamp.now().seconds
        try server.database.write { connection in
            for (index, (status, publishedAt)) in [("published", now - 10), ("published", now + 3_600),
                                                   ("draft", nil as Int64?)].enumerated() {
                try connection.execute("""
                    INSERT INTO posts (slug, title, status, published_at, created_at, updated_at)
                    VALUES (?, 'A post', ?, ?, 0, 0)
                    """, [.text("post-\(index)"), .text(status), publishedAt.map { .integer($0) } ?? .null])
            }
        }
        let stats = try server.get("/v1/stats").json()
        #expect(stats == ["posts_published": 1, "cases": ["active": 2, "resolved": 1, "closed": 0], "actions_total": 25])
    }
}
