import GoodNews
import Dispatch
import HTTP
import Synchronization
import Threads

/// Fans tally changes out to Server-Sent Events streams.
///
/// Committed actions only raise a flag (`tallyChanged`, lock-free). One timer thread wakes every `interval`
/// (and at once when a stream subscribes) and does every read of the stream, from ONE snapshot and outside
/// the lock: the tallies of the cases with actions newer than the last ones it sent (for the live streams),
/// and the catch-up of each stream that subscribed since. Then, under the lock, it writes them out and the
/// new streams go live at that snapshot, so a stream misses nothing between its catch-up and its live
/// events (and a case gets at most one event per interval however many actions arrive: 4 a second by
/// default). Subscribing only registers the stream, so any number of subscribers never queue on a read.
///
/// Bounds: at most `maxSubscribers` streams at once (live and waiting for their catch-up); beyond, a 503
/// with `Retry-After`. A catch-up reads the tallies of the cases that changed, walking at most
/// `TallyEventReader.walkLimit` actions (else every case's tally: bounded by the number of cases). A stream
/// whose client stops reading is dropped by the HTTP layer (`ServerConfiguration.maxStreamBacklog`). Ended
/// streams are noted by `onClose` and forgotten at the next flush.
public final class TallyHub: Sendable {
    struct Subscriber {
        let stream: ResponseStream
        let caseID: Int64?
    }

    /// A stream waiting for its catch-up, which the next flush reads and sends before it goes live.
    struct Newcomer {
        let stream: ResponseStream
        let caseID: Int64?
        /// The cases that changed after this action id are sent first (`Int64.max`: every case).
        let catchUpAfter: Int64
    }

    struct State {
        var subscribers: [Int: Subscriber] = [:]
        var newcomers: [Int: Newcomer] = [:]
        var nextToken = 0
        /// The newest action id whose effect the live streams have been sent (nil until the first flush).
        var lastSentID: Int64?
        var lastHeartbeat: Int64 = 0
        var thread: PosixThread?
        var isStopped = false

        var streamCount: Int { subscribers.count + newcomers.count }
    }

    let storage: any Storage
    let clock: WallClock
    let interval: Duration
    let heartbeat: Duration
    let maxSubscribers: Int
    let state = Locked(State())
    /// Streams that ended, noted by the event loop without waiting for `state`; the next flush forgets them.
    let departed = Locked<[Int]>([])
    let changed = Atomic<Bool>(false)
    /// The cases whose commits were announced since the last flush. The live read sends them whatever their
    /// action ids: on PostgreSQL, transactions on several connections (and nodes) commit out of id order, so
    /// "actions after the last id sent" alone would skip one that committed after a higher id was seen.
    let announced = Locked<Set<Int64>>([])
    let wake = DispatchSemaphore(value: 0)
    /// Called on the hub thread inside each catch-up read, outside the lock (a seam for tests).
    let onCatchUpRead: @Sendable () -> Void

    public init(storage: any Storage, clock: WallClock = .system, interval: Duration = .milliseconds(250), heartbeat: Duration = .seconds(15),
                maxSubscribers: Int = 1_000, onCatchUpRead: @escaping @Sendable () -> Void = {}) {
        self.storage = storage
        self.clock = clock
        self.interval = interval
        self.heartbeat = heartbeat
        self.maxSubscribers = max(1, maxSubscribers)
        self.onCatchUpRead = onCatchUpRead
    }

    /// Call after a commit that changed tallies (`cases`, when the commit names them). Cheap: notes them and
    /// sets a flag for the next flush.
    public func tallyChanged(cases: Set<Int64>? = nil) {
        if let cases, !cases.isEmpty { announced.withLock { $0.formUnion(cases) } }
        changed.store(true, ordering: .releasing)
    }

    /// Streams currently open (live, or waiting for their catch-up).
    public var subscriberCount: Int {
        state.withLock { state in
            forgetDeparted(&state)
            return state.streamCount
        }
    }

    func forgetDeparted(_ state: inout State) {
        let tokens = departed.withLock { tokens in
            defer { tokens.removeAll(keepingCapacity: true) }
            return tokens
        }
        for token in tokens {
            state.subscribers.removeValue(forKey: token)
            state.newcomers.removeValue(forKey: token)
        }
    }

    /// Ends every stream and stops the timer thread. Later subscriptions end at once. Idempotent.
    public func shutdown() {
        let (streams, thread) = state.withLock { state -> ([ResponseStream], PosixThread?) in
            state.isStopped = true
            let streams = state.subscribers.values.map(\.stream) + state.newcomers.values.map(\.stream)
            state.subscribers = [:]
            state.newcomers = [:]
            defer { state.thread = nil }
            return (streams, state.thread)
        }
        for stream in streams { stream.finish() }
        wake.signal()
        thread?.join()
    }
}
