/// The answer cache's entries, oldest first, so that a full cache drops its oldest answers one at a time
/// instead of starting over: with 100,000 posts of 5 KB against a 128 MiB budget, starting over emptied
/// the cache every 25,000 answers, so it held half the budget on average and freed it all in one go.
///
/// Each stored answer gets a sequence number; a key stored again leaves its old pair behind, recognised
/// as stale when popped (the entry's sequence differs). Stale pairs are dropped once they outnumber the
/// live entries, so the queue stays within a small multiple of the entries however often keys repeat.
struct InsertionOrder {
    private var pairs: [(key: String, sequence: UInt64)] = []
    private var head = 0
    private var last: UInt64 = 0

    var count: Int { pairs.count - head }

    /// Queues `key` as the newest; returns its sequence number.
    mutating func append(_ key: String) -> UInt64 {
        last &+= 1
        pairs.append((key, last))
        return last
    }

    mutating func popOldest() -> (key: String, sequence: UInt64)? {
        guard head < pairs.count else { return nil }
        let oldest = pairs[head]
        head += 1
        if head >= 1024, head * 2 >= pairs.count {
            pairs.removeFirst(head)
            head = 0
        }
        return oldest
    }

    /// Keeps only the pairs `isLive` accepts, in order.
    mutating func compact(_ isLive: (String, UInt64) -> Bool) {
        pairs = pairs[head...].filter { isLive($0.key, $0.sequence) }
        head = 0
    }

    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
        head = 0
    }
}
