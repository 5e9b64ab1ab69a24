import GoodNews
import JSON
@testable import SQLiteStore
import Testing

/// Issue 11 (W7): the in-memory index ranks as FTS5 does, the same posts in the same order with the
/// same rank values and snippets, before and after writes of every kind.
@Suite(.enabled(if: TestEngine.isSQLite)) struct SearchIndexTests {
    /// Words drawn with Zipf-like weights, so some are in most posts and some in a handful; accented
    /// ones fold to their plain form ("quinones" finds "Quiñones").
    static let vocabulary = ["the", "release", "prisoner", "letters", "campaign", "journalist", "freed", "court",
                             "Quiñones", "São", "Paulo", "activist", "sentence", "death", "row", "teenager",
                             "supporters", "wrote", "years", "home", "families", "rights", "defender", "amnesty",
                             "urgent", "action", "write", "police", "protest", "charges", "dropped", "acquitted",
                             "Ñandú", "café", "Zürich", "lighthouse", "keepers", "coast", "harbour", "village"]

    /// Seeded words (RateLimiterTests' SplitMix64), so a failure can be replayed.
    struct Words: RandomNumberGenerator {
        var generator: RateLimiterTests.SeededGenerator
        init(state: UInt64) { generator = .init(state: state) }
        mutating func next() -> UInt64 { generator.next() }

        mutating func word() -> String {
            // rank r with weight 1/r
            let total = SearchIndexTests.vocabulary.indices.reduce(0.0) { $0 + 1 / Double($1 + 1) }
            var pick = Double.random(in: 0..<total, using: &self)
            for (rank, word) in SearchIndexTests.vocabulary.enumerated() {
                pick -= 1 / Double(rank + 1)
                if pick < 0 { return word }
            }
            return SearchIndexTests.vocabulary[0]
        }

        /// Words with sentence ends among them, which move FTS5's snippet windows.
        mutating func text(_ range: ClosedRange<Int>) -> String {
            let separators = [" ", " ", " ", " ", " ", ". ", ", ", ": ", ".  ", " – "]
            var text = ""
            for n in 0..<Int.random(in: range, using: &self) {
                if n > 0 { text += separators[Int.random(in: 0..<separators.count, using: &self)] }
                text += word()
            }
            return text
        }
    }

    static func makeServer() throws -> TestServer {
        var words = Words(state: 11)
        var posts: [JSONValue] = []
        for n in 0..<240 {
            let status = n % 10 == 3 ? "draft" : "published"
            let date = n % 20 == 7 ? "2999-01-01T00:00:00Z" : "2020-09-04T00:00:00Z"
            posts.append(ImportFixtures.post("post-\(n)", title: words.text(2...7), summary: words.text(0...14),
                                             body: words.text(5...160), publishedAt: date, status: status))
        }
        return try TestServer { database in _ = try ImportFixtures.load(database, posts: posts) }
    }

    /// The index's answer and FTS5's for the same query, both through `SQLiteSearchStore`.
    static func both(_ server: TestServer, _ text: String, limit: Int = 20) throws -> (index: [SearchHit], fts5: [SearchHit]) {
        let query = try SearchQuery(text)
        let now = server.clock.wallClock.seconds
        let index = try #require(server.sqliteStorage.searchIndex)
        #expect(index.search(query, now: now, limit: limit) != nil, "the index answers \(text)")
        return try server.sqliteStorage.database.read { connection in
            (try SQLiteSearchStore(connection: connection, index: index).posts(matching: query, now: now, limit: limit),
             try SQLiteSearchStore(connection: connection, index: nil).posts(matching: query, now: now, limit: limit))
        }
    }

    static func expectSame(_ server: TestServer, queries: Int, seed: UInt64) throws {
        var words = Words(state: seed)
        var nonEmpty = 0
        for _ in 0..<queries {
            let text = (0..<Int.random(in: 1...3, using: &words)).map { _ in words.word().lowercased() }.joined(separator: " ")
            let (index, fts5) = try both(server, text, limit: Int.random(in: 1...40, using: &words))
            #expect(index.map(\.id) == fts5.map(\.id), "\(text)")
            #expect(index.map(\.rank) == fts5.map(\.rank), "\(text)")
            #expect(index.map(\.snippet) == fts5.map(\.snippet), "\(text)")
            if !fts5.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > queries / 2, "most queries must find something to compare")
    }

    @Test func theIndexRanksAsFTS5Does() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        try Self.expectSame(server, queries: 300, seed: 5)
        let (index, _) = try Self.both(server, "quinones")
        #expect(!index.isEmpty, "accents fold as in FTS5")
    }

    @Test func theIndexFollowsEveryWrite() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let token = try server.makeToken()
        var words = Words(state: 99)
        for n in stride(from: 0, to: 240, by: 7) {
            let patch: JSONValue = n % 3 == 0 ? ["title": .string(words.text(2...6))]
                : n % 3 == 1 ? ["status": "published", "body": .string(words.text(5...40))]
                : ["status": "draft"]
            #expect(try server.send("PATCH", "/v1/posts/post-\(n)", body: patch, token: token).status == 200)
        }
        for n in stride(from: 2, to: 240, by: 11) {
            #expect(try server.request("DELETE", "/v1/posts/post-\(n)", token: token).status == 204)
        }
        for n in 0..<20 {
            try server.create("posts", ["title": .string(words.text(2...6)), "body": .string(words.text(5...50)),
                                        "status": "published", "slug": .string("new-\(n)")], token: token)
        }
        try Self.expectSame(server, queries: 200, seed: 6)
    }

    @Test func aPhraseWordIsLeftToFTS5() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let index = try #require(server.sqliteStorage.searchIndex)
        #expect(index.search(try SearchQuery("release-prisoner"), now: 0, limit: 20) == nil)
        #expect(index.search(try SearchQuery("zzzunknown release"), now: 0, limit: 20)?.hits == [])
    }
}
