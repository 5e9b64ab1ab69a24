import Dispatch
import HTTP
import SQLite
import Synchronization
import Threads

/// Fans tally changes out to Server-Sent Events streams.
///
/// Committed actions only raise a flag (`tallyChanged`, lock-free). A timer thread wakes every
/// `interval`, and when the flag is up reads, from one snapshot, the tallies of the cases with actions
/// newer than the last ones it sent, then writes one event per changed case to each stream: so a case
/// gets at most one event per interval however many actions arrive (4 a second by default).
/// Subscribing and flushing hold one lock, so a new stream's first figures and the events that
/// follow them leave no gap. A stream whose client stops reading is dropped by the HTTP layer
/// (`ServerConfiguration.maxStreamBacklog`). Ended streams are noted by `onClose` and forgotten at the
/// next flush.
public final class TallyHub: Sendable {
    struct Subscriber {
        let stream: ResponseStream
        let caseID: Int64?
    }

    struct State {
        var subscribers: [Int: Subscriber] = [:]
        var nextToken = 0
        /// The newest action id whose effect has been sent (nil until the first subscriber).
        var lastSentID: Int64?
        var lastHeartbeat: Int64 = 0
        var thread: PosixThread?
        var isStopped = false
    }

    let database: Database
    let interval: Duration
    let heartbeat: Duration
    let state = Locked(State())
    /// Streams that ended, noted by the event loop without waiting for `state` (held during reads);
    /// the next flush forgets them.
    let departed = Locked<[Int]>([])
    let changed = Atomic<Bool>(false)
    let wake = DispatchSemaphore(value: 0)

    public init(database: Database, interval: Duration = .milliseconds(250), heartbeat: Duration = .seconds(15)) {
        self.database = database
        self.interval = interval
        self.heartbeat = heartbeat
    }

    /// Call after a commit that changed tallies. Cheap: sets a flag for the next flush.
    public func tallyChanged() {
        changed.store(true, ordering: .releasing)
    }

    /// Streams currently open.
    public var subscriberCount: Int {
        state.withLock { state in
            forgetDeparted(&state)
            return state.subscribers.count
        }
    }

    func forgetDeparted(_ state: inout State) {
        let tokens = departed.withLock { tokens in
            defer { tokens.removeAll(keepingCapacity: true) }
            return tokens
        }
        for token in tokens {
            state.subscribers.removeValue(forKey: token)
        }
    }

    /// Ends every stream and stops the timer thread. Later subscriptions end at once. Idempotent.
    public func shutdown() {
        let (streams, thread) = state.withLock { state -> ([ResponseStream], PosixThread?) in
            state.isStopped = true
            let streams = state.subscribers.values.map(\.stream)
            state.subscribers = [:]
            defer { state.thread = nil }
            return (streams, state.thread)
        }
        for stream in streams { stream.finish() }
        wake.signal()
        thread?.join()
    }
}
