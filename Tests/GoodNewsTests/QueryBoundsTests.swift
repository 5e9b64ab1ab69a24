import Dispatch
@testable import API
@testable import GoodNews
import JSON
import Testing
import Threads

/// Issue 8: `q` on the lists had no size or word cap, filter values no length cap, and the answer cache
/// counted body bytes only, so distinct long filter values filled memory with keys.
@Suite struct QueryBoundsTests {
    static let seventeenWords = (1...17).map { "word\($0)" }.joined(separator: " ")
    static let sixteenWords = (1...16).map { "word\($0)" }.joined(separator: " ")

    @Test func everyQHasTheSearchCaps() throws {
        let server = try TestServer()
        defer { server.stop() }
        for path in ["/v1/posts", "/v1/cases", "/v1/search"] {
            let long = try server.get(path + "?q=" + String(repeating: "a", count: 501))
            #expect(long.status == 400, "\(path)")
            #expect(try long.json()["detail"]?.stringValue == "q must be at most 500 bytes", "\(path)")
            // Bytes, not characters: 167 three-byte characters are 501 bytes.
            #expect(try server.get(path + "?q=" + QueryText.percentEncoded(String(repeating: "漢", count: 167))).status == 400)
            let many = try server.get(path + "?q=" + QueryText.percentEncoded(Self.seventeenWords))
            #expect(many.status == 400, "\(path)")
            #expect(try many.json()["detail"]?.stringValue == "q must have at most 16 different words", "\(path)")
            #expect(try server.get(path + "?q=" + QueryText.percentEncoded(Self.sixteenWords)).status == 200, "\(path)")
            #expect(try server.get(path + "?q=" + String(repeating: "a", count: 500)).status == 200, "\(path)")
            // A repeated word counts once.
            #expect(try server.get(path + "?q=" + QueryText.percentEncoded(Self.sixteenWords + " word1 WORD2")).status == 200)
        }
    }

    @Test func filtersLongerThanTheirFieldAre400() throws {
        let server = try TestServer()
        defer { server.stop() }
        let cases: [(String, Int, String)] = [
            ("/v1/posts?tag=", 50, "no tag is longer"), ("/v1/cases?tag=", 50, "no tag is longer"),
            ("/v1/posts?case=", 120, "no case id or slug is longer"),
            ("/v1/cases?campaign=", 200, "no campaign is longer"), ("/v1/tallies?campaign=", 200, "no campaign is longer"),
        ]
        for (target, max, reason) in cases {
            let refused = try server.get(target + String(repeating: "x", count: max + 1))
            #expect(refused.status == 400, "\(target)")
            #expect(try refused.json()["detail"]?.stringValue?.contains(reason) == true, "\(target): \(refused.text)")
            #expect(try server.get(target + String(repeating: "x", count: max)).status == 200, "\(target)")
        }
    }

    /// 10,000 distinct requests, each with filters as long as they may be: the cache's bytes (keys and
    /// overhead included, counted afresh from its entries) stay within its budget all along.
    @Test func distinctLongKeysKeepTheCacheWithinItsBudget() throws {
        var configuration = TestServer.defaultConfiguration()
        configuration.answerCacheBytes = 256 << 10
        let server = try TestServer(configuration: configuration)
        defer { server.stop() }
        let cache = server.app.context.cache
        let caseFilter = String(repeating: "c", count: 114)
        let largest = Locked(0), failures = Locked(0)
        // Four keep-alive connections at once, 2,500 requests each.
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            guard let client = try? TestClient(port: server.port) else { return failures.withLock { $0 += 1 } }
            for n in stride(from: worker, to: 10_000, by: 4) {
                let tag = String(repeating: "t", count: 44) + String(100_000 + n)
                let target = "/v1/posts?tag=\(tag)&case=\(caseFilter)&limit=\(1 + n % 100)"
                if (try? client.send("GET", target))?.status != 200 { failures.withLock { $0 += 1 } }
                if n % 500 == 499 { largest.withLock { $0 = max($0, cache.byteCount) } }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let peak = largest.withLock { $0 }
        #expect(peak > 128 << 10, "the test must fill the cache to mean anything")
        #expect(peak <= 256 << 10)
        #expect(cache.byteCount <= cache.maxBytes)
    }

    @Test func anEntryLargerThanTheBudgetIsNotKept() {
        let cache = AnswerCache(maxBytes: 1_000)
        let stamp = cache.stamp()
        cache.store("big", body: Array(repeating: 1, count: 2_000), dependencies: .content, stamp: stamp)
        #expect(cache.lookup("big", now: 0) == nil)
        cache.store("small", body: [1, 2, 3], dependencies: .content, stamp: stamp)
        #expect(cache.lookup("small", now: 0) != nil)
        #expect(cache.byteCount <= 1_000)
    }

    /// Issue 11: a full cache drops its oldest answers, one at a time, instead of starting over.
    @Test func aFullCacheDropsItsOldestAnswersFirst() {
        let cache = AnswerCache(maxBytes: 10_000)
        let stamp = cache.stamp()
        let body = [UInt8](repeating: 7, count: 1_000)
        for n in 0..<30 {
            cache.store("k\(n)", body: body, dependencies: .content, stamp: stamp)
            // A key stored again moves to the back; its first place must not evict the new answer.
            if n % 5 == 0 { cache.store("k0", body: body, dependencies: .content, stamp: stamp) }
        }
        #expect(cache.byteCount <= 10_000)
        #expect(cache.lookup("k29", now: 0) != nil)
        #expect(cache.lookup("k25", now: 0) != nil)
        #expect(cache.lookup("k0", now: 0) != nil, "stored again at 25: among the newest")
        #expect(cache.lookup("k1", now: 0) == nil)
        #expect(cache.lookup("k20", now: 0) == nil)
        let kept = (0..<30).filter { cache.lookup("k\($0)", now: 0) != nil }.count
        #expect(kept >= 7, "the budget stays nearly full, not emptied: \(kept) kept")
    }
}
