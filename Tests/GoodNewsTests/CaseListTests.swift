@testable import API
import GoodNews
import JSON
import Testing

@Suite struct CaseListTests {
    static func seeded() throws -> (TestServer, String) {
        let server = try TestServer()
        let token = try server.makeToken()
        let cases: [JSONValue] = [
            ["name": "Roberto Quiñones", "country": "CU", "status": "resolved", "campaign": "World Press Freedom Day 2020",
             "tags": ["journalist"], "summary": "Cuban journalist"],
            ["name": "Magai Matiop Ngong", "country": "SS", "status": "resolved", "campaign": "Write for Rights 2019",
             "tags": ["youth", "death-penalty"]],
            ["name": "Grassy Narrows", "country": "CA", "campaign": "Write for Rights 2019", "tags": ["indigenous"],
             "description": "Mercury poisoning"],
            ["name": "Closed case", "country": "CU", "status": "closed"],
        ]
        for body in cases { try server.create("cases", body, token: token) }
        return (server, token)
    }

    @Test(arguments: [
        ("", ["closed-case", "grassy-narrows", "magai-matiop-ngong", "roberto-quinones"]),
        ("status=resolved", ["magai-matiop-ngong", "roberto-quinones"]),
        ("country=CU", ["closed-case", "roberto-quinones"]),
        ("country=cu", ["closed-case", "roberto-quinones"]),
        ("campaign=Write%20for%20Rights%202019", ["grassy-narrows", "magai-matiop-ngong"]),
        ("campaign=write%20for%20rights%202019", []),
        ("tag=youth", ["magai-matiop-ngong"]),
        ("tag=youth&status=active", []),
        ("q=quinones", ["roberto-quinones"]),
        ("q=mercury", ["grassy-narrows"]),
        ("q=rights", ["grassy-narrows", "magai-matiop-ngong"]),
        ("q=rights&country=SS", ["magai-matiop-ngong"]),
        ("status=resolved&country=CU&campaign=World%20Press%20Freedom%20Day%202020", ["roberto-quinones"]),
    ])
    func filters(_ query: String, _ expected: [String]) throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        #expect(try server.getJSON("/v1/cases?" + query).slugs == expected)
    }

    @Test(arguments: ["status=open", "country=CUB", "limit=0", "limit=500", "include_total=1", "cursor=zzz"])
    func badParametersAre400(_ query: String) throws {
        let (server, _) = try Self.seeded()
        defer { server.stop() }
        #expect(try server.get("/v1/cases?" + query).status == 400)
    }

    @Test func pagesTotalsAndCache() throws {
        let (server, token) = try Self.seeded()
        defer { server.stop() }
        var seen: [String] = []
        var target: String? = "/v1/cases?limit=3&include_total=true"
        var added = 0
        while let next = target {
            let page = try server.get(next)
            #expect(page.header("X-Total-Count") == String(4 + added), "the total counts the cases added meanwhile")
            seen += try page.json().slugs
            target = page.nextLink
            try server.create("cases", ["name": "Newer", "country": "FR"], token: token)
            added += 1
        }
        #expect(seen == ["closed-case", "grassy-narrows", "magai-matiop-ngong", "roberto-quinones"])

        let list = try server.get("/v1/cases?status=resolved")
        let etag = try #require(list.header("ETag"))
        #expect(list.header("Cache-Control") == "public, max-age=30")
        #expect(try server.get("/v1/cases?status=resolved", headers: [("If-None-Match", etag)]).status == 304)
        let item = try server.get("/v1/cases/grassy-narrows")
        let itemTag = try #require(item.header("ETag"))
        #expect(try server.get("/v1/cases/grassy-narrows", headers: [("If-None-Match", itemTag)]).status == 304)

        #expect(try server.send("PATCH", "/v1/cases/grassy-narrows", body: ["status": "resolved"], token: token).status == 200)
        #expect(try server.get("/v1/cases/grassy-narrows", headers: [("If-None-Match", itemTag)]).status == 200)
        #expect(try server.getJSON("/v1/cases/grassy-narrows")["status"] == "resolved")
        #expect(try server.getJSON("/v1/cases?status=resolved").slugs
                    == ["grassy-narrows", "magai-matiop-ngong", "roberto-quinones"])
    }
}
