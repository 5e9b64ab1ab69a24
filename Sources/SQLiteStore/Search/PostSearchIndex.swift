import Dispatch
import GoodNews
import SQLite
import TextIndex
import Threads

/// The posts' full-text index held in memory beside `posts_fts`, for ranking: it finds and orders the
/// best hits of a search as FTS5's `bm25(posts_fts, 10.0, 4.0, 1.0)` would (the same tokenizer, the
/// same statistics and formula: `TextIndex`), without scoring each match through FTS5's auxiliary
/// function API. FTS5 stays the source of the snippets and the fallback for what this does not hold
/// (a word that is a phrase, such as `roberto-quinones`), and the database the source of truth:
///
/// - Built from `posts` when the storage opens, on the writer thread, so no write is missed meanwhile.
/// - Kept current by temporary triggers on the writer connection, which name every post any statement
///   inserts, updates or deletes; after each batch of writes, before its callers return (so before a
///   write is answered), those posts are read back and re-indexed. A rolled-back batch only causes a
///   needless re-read. Nothing is stored, so after a crash the next start builds it again.
/// - Another process's commit (`goodnews import` on a live site) cannot be told apart: the index is
///   dropped (searches use FTS5 alone) and rebuilt on the writer thread.
final class PostSearchIndex: Sendable {
    /// `bm25(posts_fts, 10.0, 4.0, 1.0)`'s column weights: title, summary, body (SQLiteSearchStore).
    static let weights: [Float] = [10, 4, 1]
    /// `tokenize = 'unicode61 remove_diacritics 2'` (migrations/0002_search.sql).
    static let tokenizer = (name: "unicode61", arguments: ["remove_diacritics", "2"])

    /// What searches read; touched only inside `state`'s lock (hence unchecked).
    private final class Searchable: @unchecked Sendable {
        var index: TextIndex?
        /// For the searches' words.
        let tokenizer: FTS5Tokenizer
        init(index: TextIndex?, tokenizer: FTS5Tokenizer) {
            self.index = index
            self.tokenizer = tokenizer
        }
    }

    /// Only the writer thread touches this: the connection's tokenizer and the posts its triggers named.
    private final class Maintenance: @unchecked Sendable {
        let tokenizer: FTS5Tokenizer
        var changed: Set<Int64> = []
        init(tokenizer: FTS5Tokenizer) { self.tokenizer = tokenizer }
    }

    private let state: Locked<Searchable>
    private let maintenance: Maintenance
    private let database: Database
    /// Tokenizers for snippets, one per reader (a search makes its snippets while it holds a reader).
    private let snippetTokenizers: Locked<[SendableTokenizer]>

    private final class SendableTokenizer: @unchecked Sendable {
        /// Used by one thread at a time: whoever took it from `snippetTokenizers`.
        let tokenizer: FTS5Tokenizer
        init(_ tokenizer: FTS5Tokenizer) { self.tokenizer = tokenizer }
    }

    /// A search's best hits and its words' tokens (one per word: the snippets' phrases).
    struct Ranked {
        let hits: [TextIndex.Hit]
        let phrases: [[UInt8]]
    }

    /// Installs the triggers and builds the index, on the writer thread; then observes its batches.
    init(database: Database, log: (String) -> Void) throws {
        self.database = database
        let clock = MonotonicClock.now()
        let readers = database.readerCount
        let (maintenance, index, queryTokenizer, snippetTokenizers) = try database.exclusive { connection in
            let maintenance = Maintenance(tokenizer: try PostSearchIndex.makeTokenizer(connection))
            try connection.defineIntegerHook("goodnews_post_changed") { maintenance.changed.insert($0) }
            try connection.execute(PostSearchIndex.triggersSQL)
            let index = try PostSearchIndex.build(connection, maintenance.tokenizer)
            let snippets = try (0..<readers).map { _ in SendableTokenizer(try PostSearchIndex.makeTokenizer(connection)) }
            return (maintenance, index, try PostSearchIndex.makeTokenizer(connection), snippets)
        }
        self.maintenance = maintenance
        self.snippetTokenizers = Locked(snippetTokenizers)
        state = Locked(Searchable(index: index, tokenizer: queryTokenizer))
        let milliseconds = (MonotonicClock.now() - clock) / 1_000_000
        log("search index: \(index.liveCount) posts, \(index.termCount) terms, "
            + "\(index.postingBytes >> 20) MiB of postings, built in \(milliseconds) ms")
        database.observeWriteBatches { [self] connection in refreshChanged(connection) }
    }

    func close() {
        database.observeWriteBatches(nil)
    }

    /// The best `limit` public posts for `query`, or nil when only FTS5 can answer it.
    func search(_ query: SearchQuery, now: Int64, limit: Int) -> Ranked? {
        state.withLock { state -> Ranked? in
            guard let index = state.index else { return nil }
            var terms: [Int32?] = []
            var phrases: [[UInt8]] = []
            for word in query.words {
                var tokens: [[UInt8]] = []
                do {
                    try state.tokenizer.tokenize(word) { tokens.append(Array($0)) }
                } catch {
                    return nil
                }
                guard tokens.count == 1 else { return nil }
                terms.append(tokens[0].withUnsafeBytes { index.termID($0) })
                phrases.append(tokens[0])
            }
            // A word no post holds: the AND matches nothing.
            let known = terms.compactMap { $0 }
            guard known.count == terms.count else { return Ranked(hits: [], phrases: phrases) }
            return Ranked(hits: index.search(known, visibleAt: now, limit: limit), phrases: phrases)
        }
    }

    /// Runs `body` with a tokenizer of its own, or returns nil when all are in use.
    func withSnippetTokenizer<R>(_ body: (FTS5Tokenizer) throws -> R) rethrows -> R? {
        guard let lent = snippetTokenizers.withLock({ $0.popLast() }) else { return nil }
        defer { snippetTokenizers.withLock { $0.append(lent) } }
        return try body(lent.tokenizer)
    }

    /// After another process's commit (called on the writer thread, which cannot wait for itself):
    /// searches use FTS5 alone until a build queued behind the pending writes replaces the index. Batches
    /// that run meanwhile find no index to refresh; the build reads every post after them.
    func rebuild() {
        state.withLock { $0.index = nil }
        DispatchQueue.global().async { [self] in
            // A closed database refuses the job; nothing is left to serve then.
            try? database.exclusive { connection in
                let index = try PostSearchIndex.build(connection, maintenance.tokenizer)
                maintenance.changed.removeAll()
                state.withLock { $0.index = index }
            }
        }
    }

    private func refreshChanged(_ connection: Connection) {
        guard !maintenance.changed.isEmpty else { return }
        let ids = maintenance.changed
        maintenance.changed.removeAll(keepingCapacity: true)
        do {
            let statement = try connection.cachedStatement(PostSearchIndex.rowSQL + " WHERE id = ?")
            state.withLock { state in
                guard let index = state.index else { return }
                for id in ids {
                    do {
                        try statement.bind(id, at: 1)
                        defer { statement.reset() }
                        if try statement.step() {
                            try PostSearchIndex.add(statement, to: index, maintenance.tokenizer)
                        } else {
                            index.remove(key: id)
                        }
                    } catch {
                        state.index = nil
                        return
                    }
                }
            }
        } catch {
            state.withLock { $0.index = nil }
        }
    }

    private static let rowSQL = "SELECT id, title, summary, body, status, published_at FROM posts"

    private static let triggersSQL = """
        CREATE TEMP TRIGGER IF NOT EXISTS goodnews_index_post_insert AFTER INSERT ON main.posts
        BEGIN SELECT goodnews_post_changed(new.id); END;
        CREATE TEMP TRIGGER IF NOT EXISTS goodnews_index_post_update AFTER UPDATE OF id, title, summary, body, status, published_at ON main.posts
        BEGIN SELECT goodnews_post_changed(old.id); SELECT goodnews_post_changed(new.id); END;
        CREATE TEMP TRIGGER IF NOT EXISTS goodnews_index_post_delete AFTER DELETE ON main.posts
        BEGIN SELECT goodnews_post_changed(old.id); END;
        """

    private static func makeTokenizer(_ connection: Connection) throws -> FTS5Tokenizer {
        try FTS5Tokenizer(connection: connection, name: tokenizer.name, arguments: tokenizer.arguments)
    }

    private static func build(_ connection: Connection, _ tokenizer: FTS5Tokenizer) throws -> TextIndex {
        let index = TextIndex()
        let statement = try connection.prepare(rowSQL)
        while try statement.step() { try add(statement, to: index, tokenizer) }
        return index
    }

    /// Indexes the post in `row` (`rowSQL`'s columns), replacing what the index held of it.
    private static func add(_ row: Statement, to index: TextIndex, _ tokenizer: FTS5Tokenizer) throws {
        for (column, weight) in weights.enumerated() {
            try row.withTextBytes(Int32(column + 1)) { text in
                try tokenizer.tokenize(text) { index.addToken($0, weight: weight) }
            }
        }
        // The search's filter: `status = 'published' AND published_at <= now`.
        let published = row.string(4) == PostStatus.published.rawValue
        let visibleFrom = published ? (row.optionalInt64(5) ?? .max) : .max
        index.finishDocument(key: row.int64(0), visibleFrom: visibleFrom)
    }
}
