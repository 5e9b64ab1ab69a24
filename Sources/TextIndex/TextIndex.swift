/// An in-memory inverted index over documents of weighted columns, ranked exactly as FTS5's `bm25()`
/// ranks an FTS5 table holding the same rows: same statistics (rows, average length, rows per term),
/// same formula, same floating-point operations in the same order, so the ranks are the same numbers.
///
/// Why it exists: FTS5 scores every match through its auxiliary-function API (a search for two common
/// words scores thousands of rows one call at a time); here a match costs a few array reads and one
/// division per term, over posting lists held as plain arrays.
///
/// Shape: each document gets a slot, appended; each term a posting list of slots in ascending order
/// and the document's weighted frequency of the term (the sum over its instances of their column's
/// weight: bm25's `f(qi, D)`). Replacing or removing a document leaves a dead slot, skipped by searches
/// and subtracted from the statistics; once `compactionThreshold` slots are dead the lists are
/// rewritten without them. Not thread-safe: the owner locks.
public final class TextIndex {
    /// bm25's k1 and b, FTS5's constants (fts5_aux.c).
    static let k1 = 1.2
    static let b = 0.75

    struct Document {
        var key: Int64
        /// Tokens in all columns: bm25's |D| (FTS5's `xColumnSize(-1)`).
        var length: Int32
        var alive: Bool
        /// Searches with `now` before this leave it out (a draft: `Int64.max`).
        var visibleFrom: Int64
    }

    struct Postings {
        var slots: [UInt32] = []
        var frequencies: [Float] = []
    }

    var documents: [Document] = []
    private var slotByKey: [Int64: Int] = [:]
    private var terms = TermTable()
    var postings: [Postings] = []
    /// Dead slots still in the posting lists, ascending.
    private var deadSlots: [UInt32] = []
    public private(set) var liveCount = 0
    var liveTokens = 0
    let compactionThreshold: Int

    /// A document being added: its terms' weighted frequencies so far.
    private var pending: [Float] = []
    private var pendingTerms: [Int32] = []
    private var pendingLength: Int32 = 0

    public init(compactionThreshold: Int = 64) {
        self.compactionThreshold = compactionThreshold
    }

    public var termCount: Int { terms.count }

    /// The bytes the posting lists hold (for the log and metrics).
    public var postingBytes: Int { postings.reduce(0) { $0 + $1.slots.count * 8 } }

    // MARK: Adding and removing

    /// Adds one token of the document being built, found in a column of weight `weight`.
    public func addToken(_ token: UnsafeRawBufferPointer, weight: Float) {
        let term = Int(terms.intern(token))
        if term >= postings.count {
            postings.append(Postings())
            pending.append(0)
        }
        if pending[term] == 0 { pendingTerms.append(Int32(term)) }
        pending[term] += weight
        pendingLength &+= 1
    }

    /// Ends the document whose tokens were just added, replacing any earlier one with `key`.
    public func finishDocument(key: Int64, visibleFrom: Int64) {
        remove(key: key)
        let slot = documents.count
        documents.append(Document(key: key, length: pendingLength, alive: true, visibleFrom: visibleFrom))
        slotByKey[key] = slot
        liveCount += 1
        liveTokens += Int(pendingLength)
        for term in pendingTerms {
            postings[Int(term)].slots.append(UInt32(slot))
            postings[Int(term)].frequencies.append(pending[Int(term)])
            pending[Int(term)] = 0
        }
        pendingTerms.removeAll(keepingCapacity: true)
        pendingLength = 0
    }

    public func contains(key: Int64) -> Bool { slotByKey[key] != nil }

    public func remove(key: Int64) {
        guard let slot = slotByKey.removeValue(forKey: key) else { return }
        documents[slot].alive = false
        liveCount -= 1
        liveTokens -= Int(documents[slot].length)
        let position = deadSlots.partitioningIndex { $0 >= UInt32(slot) }
        deadSlots.insert(UInt32(slot), at: position)
        if deadSlots.count >= compactionThreshold { compact() }
    }

    /// Rewrites the slots without the dead ones: O(postings), every `compactionThreshold` removals.
    func compact() {
        var newSlot = [UInt32](repeating: .max, count: documents.count)
        var kept: [Document] = []
        kept.reserveCapacity(liveCount)
        for (slot, document) in documents.enumerated() where document.alive {
            newSlot[slot] = UInt32(kept.count)
            slotByKey[document.key] = kept.count
            kept.append(document)
        }
        documents = kept
        for term in postings.indices {
            var list = Postings()
            list.slots.reserveCapacity(postings[term].slots.count)
            list.frequencies.reserveCapacity(postings[term].slots.count)
            for (slot, frequency) in zip(postings[term].slots, postings[term].frequencies) where newSlot[Int(slot)] != .max {
                list.slots.append(newSlot[Int(slot)])
                list.frequencies.append(frequency)
            }
            postings[term] = list
        }
        deadSlots.removeAll()
    }

    // MARK: Searching

    /// The id of a term, nil when no document has ever held it.
    public func termID(_ token: UnsafeRawBufferPointer) -> Int32? { terms.id(of: token) }

    /// The rows live documents hold of `term`: bm25's n(qi).
    func liveHits(_ term: Int) -> Int {
        let slots = postings[term].slots
        var dead = 0
        for slot in deadSlots {
            let position = slots.partitioningIndex { $0 >= slot }
            if position < slots.count, slots[position] == slot { dead += 1 }
        }
        return slots.count - dead
    }
}

extension Array where Element: Comparable {
    /// The first index whose element satisfies `predicate`, which must be false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
