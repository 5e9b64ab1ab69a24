import Foundation
@testable import API
@testable import GoodNews
import JSON
import Testing

@Suite struct ActionStreamTests {
    private func event(_ event: SSEClient.Event) throws -> JSONValue {
        #expect(event.name == "tally")
        return try JSONValue.parse(Array(event.data.utf8))
    }

    @Test func aClientReceivesAnEventWithinASecondOfAnAction() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies")
        #expect(stream.status == 200)
        #expect(stream.header("Content-Type")?.hasPrefix("text/event-stream") == true)
        #expect(stream.header("Cache-Control") == "no-cache")

        let sent = Date()
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
        let received = try stream.next()
        #expect(Date().timeIntervalSince(sent) < 1)
        #expect(try event(received) == ["case": "a-case", "total": 1, "by_kind": ["letter": 1]])
        #expect(received.id == "1")
        #expect(stream.retry == "3000")
    }

    @Test func manyActionsAreCoalescedIntoFewEvents() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        try CaseFixtures.insertCase(server, slug: "b-case")
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies")
        let token = try server.makeToken()
        let client = try TestClient(port: server.port)
        for _ in 0..<30 {
            _ = try client.send("POST", "/v1/cases/a-case/actions", headers: [("Content-Type", "application/json")],
                                body: Array(#"{"kind":"letter","count":2}"#.utf8), token: token)
        }
        _ = try client.send("POST", "/v1/cases/b-case/actions", headers: [("Content-Type", "application/json")],
                            body: Array(#"{"kind":"call"}"#.utf8))
        var lastA: Int64 = 0, eventsForA = 0, sawB = false
        while lastA < 60 || !sawB {
            let data = try event(try stream.next())
            if data["case"] == "a-case" { lastA = data["total"]?.int64Value ?? 0; eventsForA += 1 }
            if data["case"] == "b-case" { sawB = data["total"] == 1 }
        }
        #expect(lastA == 60)
        // 30 commits in well under a second: a handful of events, not 30.
        #expect(eventsForA < 15)
    }

    @Test func aNarrowedStreamStartsWithTheCaseTallyAndShowsOnlyThatCase() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        try CaseFixtures.insertCase(server, slug: "b-case")
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"email"}"#).status == 201)
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies?case=a-case")
        let first = try stream.next()
        #expect(try event(first) == ["case": "a-case", "total": 1, "by_kind": ["email": 1]])
        #expect(first.id == "1")
        #expect(try server.send("POST", "/v1/cases/b-case/actions", json: #"{"kind":"email"}"#).status == 201)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
        let next = try stream.next()
        #expect(try event(next) == ["case": "a-case", "total": 2, "by_kind": ["email": 1, "letter": 1]])
        #expect(next.id == "3")
        #expect(try SSEClient(port: server.port, target: "/v1/stream/tallies?case=nobody").status == 404)
    }

    @Test func lastEventIDBringsTheCasesThatChangedSince() throws {
        let server = try TestServer()
        defer { server.stop() }
        for slug in ["a-case", "b-case", "c-case"] { try CaseFixtures.insertCase(server, slug: slug) }
        for slug in ["a-case", "b-case", "c-case", "b-case"] {
            #expect(try server.send("POST", "/v1/cases/\(slug)/actions", json: #"{"kind":"letter"}"#).status == 201)
        }
        // The client last saw action 2: cases b (actions 2 and 4) and c (3) changed after it… b at 4, c at 3.
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies", headers: [("Last-Event-ID", "2")])
        let first = try stream.next(), second = try stream.next()
        #expect(try event(first) == ["case": "b-case", "total": 2, "by_kind": ["letter": 2]])
        #expect(first.id == nil)  // only the last event of a batch carries the id
        #expect(try event(second) == ["case": "c-case", "total": 1, "by_kind": ["letter": 1]])
        #expect(second.id == "4")
    }

    @Test func heartbeatsAreSentAndStreamsEndAtShutdown() throws {
        let server = try TestServer()
        try CaseFixtures.insertCase(server, slug: "a-case")
        let stream = try SSEClient(port: server.port, target: "/v1/stream/tallies")
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
        _ = try stream.next()
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
        _ = try stream.next()
        #expect(stream.comments.contains(": heartbeat"))  // the first flush after subscribing sends one
        #expect(server.app.context.tallyHub.subscriberCount == 1)
        server.stop()
        try stream.waitForEnd()
    }

    @Test func aClientThatLeavesIsForgotten() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "a-case")
        var stream: SSEClient? = try SSEClient(port: server.port, target: "/v1/stream/tallies?case=a-case")
        _ = try stream?.next()
        #expect(server.app.context.tallyHub.subscriberCount == 1)
        stream = nil  // closes the socket
        var waited = 0
        while server.app.context.tallyHub.subscriberCount > 0 && waited < 3_000 {
            usleep(10_000)
            waited += 10
        }
        #expect(server.app.context.tallyHub.subscriberCount == 0)
        _ = stream
    }
}
