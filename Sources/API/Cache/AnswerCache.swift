import GoodNews
import HTTP
import Threads

/// Rendered answers (JSON bytes + ETag), reused until the data they were made from changes.
///
/// Correctness rule: no stale answer after a write, ever. Each entry records the generations of the
/// data it depends on; a write bumps its generation *after* its commit and *before* it answers, and
/// lookups accept only entries of the current generations. A reader captures the generations *before*
/// it reads, so an answer computed from a snapshot that a concurrent commit made stale is refused when
/// it is stored (or ignored when looked up), never served.
///
/// Memory bound: every entry is charged its key, body and ETag bytes plus `entryOverhead`, and the total
/// never exceeds `maxBytes` (when a new entry would pass it, the oldest entries go first: `InsertionOrder`;
/// an entry larger than the whole budget is not kept). Keys are made from query values whose lengths the routes cap at their
/// fields' bounds, so no request can make a key of more than a few hundred bytes.
public final class AnswerCache: Sendable {
    /// What an entry costs beyond its key, body and ETag: the `Answer` and its array headers, and the
    /// dictionary slot (a generous estimate, so the budget holds for the real footprint).
    static let entryOverhead = 192

    /// What an answer was made from.
    public struct Dependencies: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Posts, cases, tags, links.
        public static let content = Dependencies(rawValue: 1)
        /// Action tallies (cases embed theirs): all of them, or one case's (`store(tallyOf:)`).
        public static let tallies = Dependencies(rawValue: 2)
    }

    /// Generations captured before reading; hand back to `store`.
    public struct Stamp: Sendable, Equatable {
        let content: UInt64
        let tallies: UInt64
    }

    public struct Answer: Sendable {
        public let body: [UInt8]
        public let etag: String
        /// Unix seconds after which the answer may be wrong without any write (a scheduled post goes live).
        public let expiresAt: Int64
        let stamp: Stamp
        let dependencies: Dependencies
        /// The one case whose tally the answer embeds, when it embeds no other.
        let tallyCase: Int64?
        /// Its place in `InsertionOrder`.
        var sequence: UInt64 = 0
    }

    /// Tallies change with every action, so they are tracked per case: an action on one case leaves
    /// the answers about every other case valid (a campaign day is a stream of actions among reads).
    /// `tallyGeneration` counts every tally commit; an answer that embeds one case's tally is current
    /// while that case (and "all", another process's commit) last changed at or before its stamp; an
    /// answer that embeds several (lists, totals) only while no tally changed at all.
    private struct State {
        var contentGeneration: UInt64 = 0
        var tallyGeneration: UInt64 = 0
        /// When each case's tally last changed; one entry per case that had actions, so bounded by the cases.
        var caseTallyChangedAt: [Int64: UInt64] = [:]
        var allTalliesChangedAt: UInt64 = 0
        var entries: [String: Answer] = [:]
        var order = InsertionOrder()
        var bytes = 0

        func isCurrent(_ stamp: Stamp, _ dependencies: Dependencies, tallyCase: Int64?) -> Bool {
            if dependencies.contains(.content), stamp.content != contentGeneration { return false }
            guard dependencies.contains(.tallies) else { return true }
            guard let tallyCase else { return stamp.tallies == tallyGeneration }
            return max(caseTallyChangedAt[tallyCase] ?? 0, allTalliesChangedAt) <= stamp.tallies
        }
    }

    private let state = Locked(State())
    public let maxBytes: Int

    /// `maxBytes` bounds memory: when full, the oldest answers make room.
    public init(maxBytes: Int = 64 << 20) { self.maxBytes = maxBytes }

    /// What the entries held now cost, counted afresh from them (for tests and metrics; walks every entry).
    public var byteCount: Int {
        state.withLock { s in s.entries.reduce(0) { $0 + AnswerCache.cost(key: $1.key, $1.value) } }
    }

    static func cost(key: String, _ answer: Answer) -> Int {
        key.utf8.count + answer.body.count + answer.etag.utf8.count + entryOverhead
    }

    public func stamp() -> Stamp {
        state.withLock { Stamp(content: $0.contentGeneration, tallies: $0.tallyGeneration) }
    }

    public func lookup(_ key: String, now: Int64) -> Answer? {
        state.withLock { s in
            guard let answer = s.entries[key], now < answer.expiresAt,
                  s.isCurrent(answer.stamp, answer.dependencies, tallyCase: answer.tallyCase)
            else { return nil }
            return answer
        }
    }

    /// Stores an answer computed after `stamp` was taken, unless a write has happened since; returns the answer.
    /// `tallyOf` narrows `.tallies` to the one case whose tally the answer embeds.
    @discardableResult
    public func store(_ key: String, body: [UInt8], dependencies: Dependencies, stamp: Stamp,
                      expiresAt: Int64 = .max, tallyOf tallyCase: Int64? = nil) -> Answer {
        var answer = Answer(body: body, etag: EntityTag.strong(for: body), expiresAt: expiresAt,
                            stamp: stamp, dependencies: dependencies, tallyCase: tallyCase)
        state.withLock { s in
            let cost = AnswerCache.cost(key: key, answer)
            guard s.isCurrent(stamp, dependencies, tallyCase: tallyCase), cost <= maxBytes else { return }
            if let old = s.entries.removeValue(forKey: key) { s.bytes -= AnswerCache.cost(key: key, old) }
            while s.bytes + cost > maxBytes, let (oldKey, sequence) = s.order.popOldest() {
                guard let old = s.entries[oldKey], old.sequence == sequence else { continue }
                s.entries.removeValue(forKey: oldKey)
                s.bytes -= AnswerCache.cost(key: oldKey, old)
            }
            answer.sequence = s.order.append(key)
            s.entries[key] = answer
            s.bytes += cost
            if s.order.count > 2 * s.entries.count + 1024 {
                let entries = s.entries
                s.order.compact { entries[$0]?.sequence == $1 }
            }
        }
        return answer
    }

    /// Call after a committed change to posts, cases, tags or links.
    public func contentChanged() {
        state.withLock { s in
            s.contentGeneration &+= 1
            s.entries.removeAll(keepingCapacity: true)
            s.order.removeAll()
            s.bytes = 0
        }
    }

    /// Call after committed actions on `cases` (nil: on any case): only answers that embed their
    /// tallies go stale.
    public func talliesChanged(cases: Set<Int64>?) {
        state.withLock { s in
            s.tallyGeneration &+= 1
            if let cases {
                for id in cases { s.caseTallyChangedAt[id] = s.tallyGeneration }
            } else {
                s.allTalliesChangedAt = s.tallyGeneration
                s.caseTallyChangedAt.removeAll()
            }
        }
    }
}
