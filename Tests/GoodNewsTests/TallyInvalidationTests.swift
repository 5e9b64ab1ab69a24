@testable import API
import GoodNews
import JSON
import Testing

/// Issue 11 (W8): an action invalidates what it changed, that case's tally and what holds all tallies,
/// not every cached answer; a read right after an answered action still shows it.
@Suite struct TallyInvalidationTests {
    @Test func anActionLeavesOtherCasesAnswersCurrent() {
        let cache = AnswerCache()
        let stamp = cache.stamp()
        cache.store("one", body: [1], dependencies: [.content, .tallies], stamp: stamp, tallyOf: 1)
        cache.store("two", body: [2], dependencies: [.content, .tallies], stamp: stamp, tallyOf: 2)
        cache.store("all", body: [3], dependencies: [.content, .tallies], stamp: stamp)
        cache.store("post", body: [4], dependencies: .content, stamp: stamp)

        cache.talliesChanged(cases: [1])
        #expect(cache.lookup("one", now: 0) == nil, "the case that had the action")
        #expect(cache.lookup("all", now: 0) == nil, "answers that embed every tally")
        #expect(cache.lookup("two", now: 0) != nil, "another case's tally")
        #expect(cache.lookup("post", now: 0) != nil, "an answer without tallies")

        cache.talliesChanged(cases: nil)
        #expect(cache.lookup("two", now: 0) == nil, "another process's commit may have changed any tally")
        #expect(cache.lookup("post", now: 0) != nil)
    }

    @Test func anAnswerReadBeforeAnActionOnItsCaseIsNotKept() {
        let cache = AnswerCache()
        let before = cache.stamp()
        cache.talliesChanged(cases: [1])
        cache.store("one", body: [1], dependencies: [.content, .tallies], stamp: before, tallyOf: 1)
        cache.store("two", body: [2], dependencies: [.content, .tallies], stamp: before, tallyOf: 2)
        #expect(cache.lookup("one", now: 0) == nil, "computed from a snapshot older than the action")
        #expect(cache.lookup("two", now: 0) != nil)

        let after = cache.stamp()
        cache.store("one", body: [1], dependencies: [.content, .tallies], stamp: after, tallyOf: 1)
        #expect(cache.lookup("one", now: 0) != nil)
        cache.contentChanged()
        #expect(cache.lookup("one", now: 0) == nil, "content changes still drop everything")
    }

    @Test func aTallyReadRightAfterAnActionShowsItWhileOtherCasesStayCached() throws {
        let server = try TestServer()
        defer { server.stop() }
        try CaseFixtures.insertCase(server, slug: "case-a")
        try CaseFixtures.insertCase(server, slug: "case-b")
        let etag = try #require(try server.get("/v1/cases/case-b/tally").header("ETag"))
        #expect(try server.get("/v1/stats").json()["actions_total"]?.int64Value == 0)
        for expected in 1...5 {
            #expect(try server.send("POST", "/v1/cases/case-a/actions", json: #"{"kind":"letter"}"#).status == 201)
            #expect(try server.get("/v1/cases/case-a/tally").json()["total"]?.int64Value == Int64(expected))
            #expect(try server.get("/v1/cases/case-a").json()["tally"]?["total"]?.int64Value == Int64(expected))
            #expect(try server.get("/v1/stats").json()["actions_total"]?.int64Value == Int64(expected))
        }
        let kept = server.app.context.cache.lookup("case-tally|case-b", now: server.app.context.clock.seconds)
        #expect(kept?.etag == etag, "case B's tally answer survived five actions on case A")
        #expect(try server.get("/v1/cases/case-b/tally").json()["total"]?.int64Value == 0)
    }
}
