#if canImport(Glibc)
import Glibc
#endif

extension TextIndex {
    public struct Hit: Equatable, Sendable {
        public let key: Int64
        /// FTS5's `rank` with `bm25()`: the negated score, lower is better.
        public let rank: Double
    }

    /// The best `limit` visible documents holding every term (AND), best first, ties by key.
    ///
    /// The score is fts5_aux.c's `fts5Bm25Function` term for term: for each phrase i, in query order,
    /// `score += idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl)))`, with
    /// `idf = log((N - n + 0.5) / (n + 0.5))` (1e-6 when not positive), N the rows, n the rows holding
    /// the term, D the row's tokens and avgdl all tokens over N, all documents counted, drafts too (they
    /// are rows of the FTS5 table). A term may be given twice (two words folding to one token): FTS5 has
    /// two phrases then, and so does this.
    public func search(_ terms: [Int32], visibleAt now: Int64, limit: Int) -> [Hit] {
        guard !terms.isEmpty, liveCount > 0, limit > 0 else { return [] }
        let rows = liveCount
        let averageLength = Double(liveTokens) / Double(rows)
        let idf: [Double] = terms.map { term in
            let hits = liveHits(Int(term))
            let value = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
            return value <= 0 ? 1e-6 : value
        }
        // Walk the shortest list, and find each of its slots in the others (galloping: most are skipped).
        let order = terms.indices.sorted { postings[Int(terms[$0])].slots.count < postings[Int(terms[$1])].slots.count }
        var best = TopHits(limit: limit)
        withLists(order.map { Int(terms[$0]) }) { lists in
            documents.withUnsafeBufferPointer { documents in
                var cursors = [Int](repeating: 0, count: lists.count)
                var frequencies = [Double](repeating: 0, count: terms.count)
                let (leadSlots, leadFrequencies) = lists[0]
                candidates: for position in leadSlots.indices {
                    let slot = leadSlots[position]
                    let document = documents[Int(slot)]
                    guard document.alive, document.visibleFrom <= now else { continue }
                    frequencies[order[0]] = Double(leadFrequencies[position])
                    for k in 1..<lists.count {
                        let (slots, listFrequencies) = lists[k]
                        let found = TextIndex.seek(slots, from: cursors[k], to: slot)
                        cursors[k] = found
                        guard found < slots.count else { break candidates }
                        guard slots[found] == slot else { continue candidates }
                        frequencies[order[k]] = Double(listFrequencies[found])
                    }
                    let length = Double(document.length)
                    var score = 0.0
                    for i in 0..<frequencies.count {
                        let f = frequencies[i]
                        score += idf[i] * ((f * (TextIndex.k1 + 1.0)) / (f + TextIndex.k1 * (1 - TextIndex.b + TextIndex.b * length / averageLength)))
                    }
                    best.offer(Hit(key: document.key, rank: -1.0 * score))
                }
            }
        }
        return best.sorted()
    }

    typealias List = (slots: UnsafeBufferPointer<UInt32>, frequencies: UnsafeBufferPointer<Float>)

    /// Lends `body` the posting lists of `terms` as buffers (no reference counting in the loops).
    private func withLists(_ terms: [Int], _ lent: [List] = [], _ body: ([List]) -> Void) {
        guard lent.count < terms.count else { return body(lent) }
        postings[terms[lent.count]].slots.withUnsafeBufferPointer { slots in
            postings[terms[lent.count]].frequencies.withUnsafeBufferPointer { frequencies in
                withLists(terms, lent + [(slots, frequencies)], body)
            }
        }
    }

    /// The first index at or after `start` whose slot is at least `target` (galloping, then binary).
    static func seek(_ slots: UnsafeBufferPointer<UInt32>, from start: Int, to target: UInt32) -> Int {
        var low = start
        guard low < slots.count, slots[low] < target else { return low }
        var step = 1
        var high = low + step
        while high < slots.count, slots[high] < target {
            low = high
            step <<= 1
            high = low + step
        }
        high = min(high, slots.count)
        // slots[low] < target; the answer is in (low, high].
        low += 1
        while low < high {
            let middle = (low + high) / 2
            if slots[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The `limit` best hits seen, kept unsorted with the worst's position known (limits are small).
struct TopHits {
    let limit: Int
    private var hits: [TextIndex.Hit] = []
    private var worst = 0

    init(limit: Int) {
        self.limit = limit
        hits.reserveCapacity(limit)
    }

    static func isBetter(_ a: TextIndex.Hit, than b: TextIndex.Hit) -> Bool {
        a.rank < b.rank || (a.rank == b.rank && a.key < b.key)
    }

    mutating func offer(_ hit: TextIndex.Hit) {
        if hits.count < limit {
            hits.append(hit)
            if hits.count == 1 || TopHits.isBetter(hits[worst], than: hit) { worst = hits.count - 1 }
            return
        }
        guard TopHits.isBetter(hit, than: hits[worst]) else { return }
        hits[worst] = hit
        worst = 0
        for i in hits.indices.dropFirst() where TopHits.isBetter(hits[worst], than: hits[i]) { worst = i }
    }

    func sorted() -> [TextIndex.Hit] { hits.sorted(by: TopHits.isBetter) }
}
