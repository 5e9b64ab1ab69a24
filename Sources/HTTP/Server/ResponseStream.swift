import Threads

/// A response body written in pieces over time (Server-Sent Events). A handler creates one, answers
/// `.now(Response(..., body: .stream(stream)))`, and any thread then calls `write` and finally `finish`.
/// The server frames the pieces (chunked on HTTP/1.1, close-delimited on HTTP/1.0) and flushes them on the
/// connection's event loop. A reader that falls behind by more than `ServerConfiguration.maxStreamBacklog`
/// is dropped, so memory never grows without bound.
public final class ResponseStream: Sendable {
    /// Where to signal new data: the owning loop and the connection's tag.
    struct Sink: Sendable {
        let loop: EventLoop
        let tag: UInt64
    }

    struct Taken {
        var bytes: [UInt8]
        var finished: Bool
        var dropped: Bool
    }

    fileprivate struct State {
        var pending: [UInt8] = []
        var limit = 1 << 20
        var finished = false
        var dropped = false
        var closed = false
        var signalled = false
        var sink: Sink?
        var onClose: (@Sendable () -> Void)?
    }

    private let state = Locked(State())

    public init() {}

    /// Queues `bytes` for the client; false once the client is gone, was dropped, or the stream ended.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        let (accepted, wake): (Bool, Sink?) = state.withLock { state in
            guard !state.closed && !state.finished && !state.dropped else { return (false, nil) }
            if state.pending.count + bytes.count > state.limit {
                // The reader stopped reading: stop buffering and let the loop drop the connection.
                state.dropped = true
                state.pending = []
                // Always wake the loop for a drop, even if a wake-up for data is still outstanding.
                state.signalled = true
                return (false, state.sink)
            }
            state.pending.append(contentsOf: bytes)
            return (true, state.signal())
        }
        if let wake { wake.loop.post(.streamReady(tag: wake.tag)) }
        return accepted
    }

    /// Ends the response once everything written so far is sent; later writes return false.
    public func finish() {
        let wake: Sink? = state.withLock { state in
            guard !state.finished && !state.closed else { return nil }
            state.finished = true
            return state.signal()
        }
        if let wake { wake.loop.post(.streamReady(tag: wake.tag)) }
    }

    /// Whether writes are still accepted.
    public var isOpen: Bool { state.withLock { !$0.closed && !$0.finished && !$0.dropped } }

    /// Runs `callback` once when the stream ends for any reason (finished and sent, client gone, dropped,
    /// server shutdown), on the server's loop thread; at once on this thread if it has already ended.
    /// Use it to unsubscribe the producer. It is never called from inside `write`.
    public func onClose(_ callback: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if state.closed { return true }
            state.onClose = callback
            return false
        }
        if runNow { callback() }
    }

    /// The server binds the stream to its connection; data written before this is flushed right away.
    func attach(_ sink: Sink, limit: Int) {
        let wake: Sink? = state.withLock { state in
            state.sink = sink
            state.limit = max(limit, 1)
            let hasNews = !state.pending.isEmpty || state.finished || state.dropped
            return hasNews ? state.signal() : nil
        }
        if let wake { wake.loop.post(.streamReady(tag: wake.tag)) }
    }

    /// Takes what is pending (loop thread); the next write signals the loop again. When the connection
    /// cannot take more (`accepting` false) only a drop is reported, and the next drain of its output pulls again.
    func take(accepting: Bool) -> Taken {
        state.withLock { state in
            guard accepting else { return Taken(bytes: [], finished: false, dropped: state.dropped) }
            state.signalled = false
            let taken = Taken(bytes: state.pending, finished: state.finished, dropped: state.dropped)
            state.pending = []
            return taken
        }
    }

    /// The connection is done with the stream: refuse further writes and run `onClose` once.
    func close() {
        let callback: (@Sendable () -> Void)? = state.withLock { state in
            guard !state.closed else { return nil }
            state.closed = true
            state.pending = []
            state.sink = nil
            let callback = state.onClose
            state.onClose = nil
            return callback
        }
        callback?()
    }
}

extension ResponseStream.State {
    /// The sink to wake, unless a wake-up is already on its way.
    fileprivate mutating func signal() -> ResponseStream.Sink? {
        guard let sink, !signalled else { return nil }
        signalled = true
        return sink
    }
}
