import CLinux
import Glibc
import Synchronization
import Threads

/// Messages other threads send to a loop; delivered in order after its eventfd wakes it. The inbox needs no
/// bound of its own: a connection has at most one `.completed` and two `.streamReady` outstanding (a stream
/// signals once until taken, and once more when it drops its reader), and `.admit`/`.adopt`/`.released` come
/// once per connection, already counted against `maxConnections`.
enum LoopMessage: Sendable {
    /// A `.later` handler finished for the connection with `tag`.
    case completed(tag: UInt64, Response)
    /// A stream of that connection has data or has ended.
    case streamReady(tag: UInt64)
    /// Stop accepting, let connections finish until `deadline`, then exit; `acknowledge` once the listener is off.
    case shutdown(deadline: UInt64, acknowledge: @Sendable () -> Void)
    /// A connection another loop accepted, for this loop (which counts its client) to admit or refuse.
    case admit(FileDescriptor, client: ClientConnections.Key, address: String)
    /// A connection admitted by its client's loop and placed here.
    case adopt(FileDescriptor, address: String, client: AdmittedClient)
    /// A connection of a client this loop counts has closed.
    case released(ClientConnections.Key)
}

/// One event-loop thread: its own epoll, its connections (indexed by fd), a wake-up eventfd and an inbox.
/// Everything except `post` runs on the loop's thread only.
///
/// Level-triggered epoll: one read per readiness report (no extra read to reach EAGAIN), and the interest
/// set changes only when a connection switches between reading, waiting and writing, so the common
/// exchange (read, handle inline, one sendmsg) makes no epoll_ctl call at all.
final class EventLoop: @unchecked Sendable {
    // @unchecked: mutable state is confined to the loop thread; other threads only call `post`,
    // which touches the Mutex-guarded inbox and the eventfd.
    let index: Int
    let context: ServerContext
    let epoll: Epoll
    private let wakeup: EventFD
    private let inbox = Locked(Inbox())

    private struct Inbox {
        var messages: [LoopMessage] = []
        var stopped = false
    }

    static let listenerTag = UInt64.max
    static let wakeupTag = UInt64.max - 1

    /// Open connections plus those placed here and not yet adopted; read by other loops to place new ones.
    let load = Atomic<Int>(0)

    // Loop-thread state.
    /// Every loop of the server, this one included; set before the thread starts, emptied when it stops.
    var peers: [EventLoop] = []
    var connections: [Connection?] = []
    var openCount = 0
    /// Open connections of the clients whose shard this loop owns (see `ClientConnections`).
    var clients = ClientConnections()
    var serial: UInt32 = 0
    /// MonotonicClock time read once per wake-up; deadlines and time-outs use it.
    var now: UInt64 = MonotonicClock.now()
    var date = DateCache()
    /// Access lines of this wake-up, written together at its end (`flushAccessLog`).
    var accessLog: [UInt8] = []
    /// Shared by every connection of this loop: read(2) lands here, the parser copies what it keeps.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    let vectors = UnsafeMutablePointer<iovec>.allocate(capacity: OutputQueue.maxVectors)
    var drainDeadline: UInt64?
    var acceptResumesAt: UInt64?
    private var nextDeadlineCheck: UInt64 = 0

    init(index: Int, context: ServerContext) throws(SystemError) {
        self.index = index
        self.context = context
        epoll = try Epoll()
        wakeup = try EventFD()
        try epoll.add(wakeup.descriptor.rawValue, events: EpollEvents.input, tag: EventLoop.wakeupTag)
        try listen()
    }

    deinit {
        readBuffer.deallocate()
        vectors.deallocate()
    }

    /// Queues `message` for the loop thread (any thread); wakes the loop only if the inbox was empty.
    func post(_ message: LoopMessage) {
        let wake = inbox.withLock { inbox -> Bool? in
            if inbox.stopped { return nil }
            inbox.messages.append(message)
            return inbox.messages.count == 1
        }
        switch wake {
        case .some(true): wakeup.signal()
        case .some(false): break
        case .none: discard(message)
        }
    }

    /// The thread body: wait, dispatch, check deadlines; returns once shutdown has drained the connections.
    func run() {
        let capacity = 512
        let events = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        let interval = max(1, context.configuration.timerInterval.nanoseconds)
        let waitMilliseconds = Int32(clamping: max(1, interval / 1_000_000))
        while true {
            let count: Int
            do {
                count = try epoll.wait(into: events, timeoutMilliseconds: waitMilliseconds)
            } catch {
                context.logger.error("event loop stopped", ["error": String(describing: error)])
                break
            }
            now = MonotonicClock.now()
            date.refresh()
            for position in 0..<count {
                dispatch(events[position].events, tag: events[position].data.u64)
            }
            if now >= nextDeadlineCheck {
                nextDeadlineCheck = now &+ interval
                checkDeadlines()
            }
            flushAccessLog()
            if let drainDeadline, openCount == 0 || now >= drainDeadline { break }
        }
        stop()
        flushAccessLog()
    }

    func flushAccessLog() {
        guard !accessLog.isEmpty else { return }
        context.logger.write(accessLog)
        accessLog.removeAll(keepingCapacity: accessLog.capacity <= 256 * 1024)
    }

    private func dispatch(_ events: UInt32, tag: UInt64) {
        switch tag {
        case EventLoop.listenerTag:
            acceptConnections()
        case EventLoop.wakeupTag:
            wakeup.drain()
            let messages = inbox.withLock { inbox in
                let taken = inbox.messages
                inbox.messages.removeAll(keepingCapacity: true)
                return taken
            }
            for message in messages { handle(message) }
        default:
            guard let connection = connection(tag) else { return }
            connection.handle(events: events)
        }
    }

    private func handle(_ message: LoopMessage) {
        switch message {
        case .completed(let tag, let response):
            if let connection = connection(tag) { connection.deliver(response) } else { discard(message) }
        case .streamReady(let tag):
            connection(tag)?.drive()
        case .shutdown(let deadline, let acknowledge):
            beginShutdown(deadline: deadline)
            acknowledge()
        case .admit(let socket, let client, let address):
            admit(socket, client: client, address: address)
        case .adopt(let socket, let address, let client):
            adopt(socket, address: address, client: client)
        case .released(let client):
            clients.release(client)
        }
    }

    func connection(_ tag: UInt64) -> Connection? {
        let fd = Int(tag & 0xFFFF_FFFF)
        guard fd < connections.count, let connection = connections[fd], connection.tag == tag else { return nil }
        return connection
    }

    private func checkDeadlines() {
        for fd in connections.indices {
            connections[fd]?.checkDeadline()
        }
        if let resume = acceptResumesAt, now >= resume, drainDeadline == nil {
            acceptResumesAt = nil
            try? listen()
        }
    }

    /// A message the loop will never handle (on whichever thread finds it so): streams are told (so producers
    /// unsubscribe), a shutdown request is acknowledged (so `HTTPServer.shutdown` never waits on a loop that
    /// already stopped), a connection in transit is closed and uncounted.
    func discard(_ message: LoopMessage) {
        switch message {
        case .completed(_, let response):
            if case .stream(let stream) = response.body { stream.close() }
        case .shutdown(_, let acknowledge):
            acknowledge()
        case .admit(let socket, _, _):
            socket.close()
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
        case .adopt(let socket, _, let client):
            EventLoop.release(socket, client: client, from: self)
        case .streamReady, .released:
            break
        }
    }

    private func stop() {
        for fd in connections.indices { connections[fd]?.close() }
        peers = []
        let leftovers = inbox.withLock { inbox in
            inbox.stopped = true
            let taken = inbox.messages
            inbox.messages = []
            return taken
        }
        for message in leftovers { discard(message) }
    }
}
