/// The life of one connection as a pure value (Hummingbird's shape): events go in, actions come out.
/// No sockets and no clock: times are passed in (MonotonicClock nanoseconds), so tests drive it with a fake clock.
///
/// Exactly one thing is awaited at a time, and its deadline runs:
/// - `idle`: the first request of a new connection (header-read time-out from the accept, a silent close while
///   nothing arrived), or the next request of a kept-alive one (idle time-out, a silent close)
/// - `readingHead` / `readingBody`: the rest of the request (header/body read time-out, answered 408)
/// - `awaitingHandler`: a `.later` handler on the blocking pool (no deadline)
/// - `writing`: the socket to take queued output (write time-out: no progress means the client stopped reading)
/// - `streaming`: a `ResponseStream` producer (write time-out only while output is stuck)
/// - `closing`: nothing; the connection is closed
struct ConnectionState: Equatable {
    enum Phase: Equatable { case idle, readingHead, readingBody, awaitingHandler, writing, streaming, closing }
    enum DeadlineKind: Equatable {
        /// A new connection's first request, which runs on the header-read time-out from the accept: a silent
        /// socket holds its descriptor no longer than a slow head would, not for a whole idle time-out.
        case firstRequest
        case idle, headerRead, bodyRead, write
    }

    struct Deadline: Equatable {
        var kind: DeadlineKind
        var at: UInt64
    }

    enum Action: Equatable {
        case none
        /// Output is left over: watch for writability.
        case awaitWritable
        /// Output drained after a response: handle requests already buffered, then wait for input.
        case processBuffered
        /// Close the connection now.
        case close
        /// A request stalled mid-way: answer 408 and close.
        case timeOut
        /// Shutdown: end the open stream (terminal chunk) and close once it is written.
        case finishStream
    }

    struct Timeouts: Equatable {
        var headerRead: UInt64
        var bodyRead: UInt64
        var idle: UInt64
        var write: UInt64
    }

    private(set) var phase: Phase = .idle
    private(set) var deadline: Deadline?
    /// Close once the queued output is written (a `Connection: close` answer, a fatal parse error, shutdown).
    private(set) var closeAfterOutput = false
    /// The client half-closed: answer what was asked, then close.
    private(set) var inputEnded = false
    /// The server is shutting down: no new requests after the current one.
    private(set) var draining = false
    let timeouts: Timeouts

    init(timeouts: Timeouts, now: UInt64) {
        self.timeouts = timeouts
        deadline = Deadline(kind: .firstRequest, at: now &+ timeouts.headerRead)
    }

    var isWaitingForInput: Bool { phase == .idle || phase == .readingHead || phase == .readingBody }

    /// Whether the response being written may leave the connection open.
    func allowsKeepAlive(_ requested: Bool) -> Bool { requested && !closeAfterOutput && !draining }

    /// The parser needs more bytes; `parserPhase` tells which time-out applies. The header time-out starts at
    /// the first byte of a head (at the accept, for a connection's first request) and is not restarted by later
    /// bytes, so a trickling client cannot stretch it.
    mutating func waitForInput(_ parserPhase: RequestParser.Phase, now: UInt64) -> Action {
        if inputEnded || (draining && parserPhase == .idle) {
            return close()
        }
        switch parserPhase {
        case .idle:
            if phase != .idle { enter(.idle, .idle, now) }
        case .head:
            if let first = deadline, first.kind == .firstRequest {
                phase = .readingHead
                deadline = Deadline(kind: .headerRead, at: first.at)
            } else if phase != .readingHead {
                enter(.readingHead, .headerRead, now)
            }
        case .body:
            if phase != .readingBody { enter(.readingBody, .bodyRead, now) }
        }
        return .none
    }

    /// A whole request was parsed and goes to its handler.
    mutating func requestReceived() {
        phase = .awaitingHandler
        deadline = nil
    }

    /// The handler's answer (or a parse error's) was queued for writing.
    mutating func responseQueued(keepAlive: Bool, isStream: Bool) {
        if !allowsKeepAlive(keepAlive) { closeAfterOutput = true }
        phase = isStream ? .streaming : .writing
        deadline = nil
    }

    /// A stream's producer finished: its tail is queued and written like any response.
    mutating func streamEnded() {
        if phase == .streaming { phase = .writing }
    }

    /// After a write attempt: `remaining` bytes are still queued, `progressed` if any went out.
    mutating func outputFlushed(remaining: Int, progressed: Bool, now: UInt64) -> Action {
        if remaining > 0 {
            if phase == .idle || phase == .readingHead || phase == .readingBody { phase = .writing }
            if progressed || deadline?.kind != .write {
                deadline = Deadline(kind: .write, at: now &+ timeouts.write)
            }
            return .awaitWritable
        }
        switch phase {
        case .awaitingHandler, .streaming:
            if deadline?.kind == .write { deadline = nil }
            return .none
        case .writing:
            if closeAfterOutput { return close() }
            enter(.idle, .idle, now)
            return .processBuffered
        case .idle, .readingHead, .readingBody:
            return closeAfterOutput ? close() : .none
        case .closing:
            return .none
        }
    }

    /// The periodic check: the action for a deadline that has passed, `.none` otherwise.
    mutating func checkDeadline(now: UInt64) -> Action {
        guard let deadline, deadline.at <= now else { return .none }
        phase = .closing
        self.deadline = nil
        switch deadline.kind {
        case .headerRead, .bodyRead: return .timeOut
        case .firstRequest, .idle, .write: return .close
        }
    }

    /// The client shut its sending side (read returned 0, or EPOLLRDHUP).
    mutating func inputClosed() -> Action {
        inputEnded = true
        switch phase {
        case .idle, .readingHead, .readingBody, .streaming:
            // Nothing more can arrive to complete a request; a stream's reader is gone.
            return close()
        case .awaitingHandler, .writing, .closing:
            return .none
        }
    }

    /// Graceful shutdown: idle connections close now; a request under way is answered with `Connection: close`.
    mutating func shutdownRequested() -> Action {
        draining = true
        switch phase {
        case .idle:
            return close()
        case .readingHead, .readingBody, .awaitingHandler, .writing:
            return .none
        case .streaming:
            closeAfterOutput = true
            return .finishStream
        case .closing:
            return .none
        }
    }

    private mutating func enter(_ phase: Phase, _ kind: DeadlineKind, _ now: UInt64) {
        self.phase = phase
        let span = switch kind {
        case .idle: timeouts.idle
        case .firstRequest, .headerRead: timeouts.headerRead
        case .bodyRead: timeouts.bodyRead
        case .write: timeouts.write
        }
        deadline = Deadline(kind: kind, at: now &+ span)
    }

    private mutating func close() -> Action {
        phase = .closing
        deadline = nil
        return .close
    }
}
