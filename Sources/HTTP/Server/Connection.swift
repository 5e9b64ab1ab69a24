import Glibc
import Threads

/// One client connection, owned by one event loop and used only on that loop's thread.
/// The pure `ConnectionState` decides deadlines and when to close; this class does the I/O it asks for.
final class Connection {
    unowned let loop: EventLoop
    let socket: FileDescriptor
    /// Serial in the high half, fd in the low half: a stale event or message for a reused fd is ignored.
    let tag: UInt64
    let remoteAddress: String
    /// Counted against `maxConnectionsPerAddress` until the connection leaves its loop's table.
    let client: AdmittedClient
    var state: ConnectionState
    var parser: RequestParser
    var output = OutputQueue()
    /// The epoll interest currently registered.
    var interest = EpollEvents.input
    /// The parser said `.needMore` and nothing was appended since: no point asking again.
    var parserStarved = false
    private(set) var closed = false
    /// The request whose `.later` handler runs on the pool; later pipelined requests wait behind it.
    var awaiting: Exchange?
    var stream: OpenStream?
    /// Access records of answers queued but not yet fully written.
    var unloggedAnswers: [AccessRecord] = []

    /// What the server must remember about a request until its answer is written.
    struct Exchange {
        var isHead: Bool
        var isHTTP10: Bool
        var keepAlive: Bool
        var record: AccessRecord?
    }

    struct OpenStream {
        let stream: ResponseStream
        let chunked: Bool
        var record: AccessRecord?
    }

    /// Responses above this much queued output stop the handling of further pipelined requests.
    static let outputWatermark = 64 * 1024

    init(loop: EventLoop, socket: FileDescriptor, tag: UInt64, remoteAddress: String, client: AdmittedClient) {
        self.loop = loop
        self.socket = socket
        self.tag = tag
        self.remoteAddress = remoteAddress
        self.client = client
        state = ConnectionState(timeouts: loop.context.timeouts, now: loop.now)
        parser = RequestParser(limits: loop.context.configuration.parserLimits)
    }

    /// Readiness reported by epoll.
    func handle(events: UInt32) {
        if events & EpollEvents.error != 0 { close(); return }
        if events & EpollEvents.input != 0 {
            readable()
        } else if events & (EpollEvents.hangUp | EpollEvents.peerHangUp) != 0 {
            // Not reading now (handler running or streaming): the client went away.
            if events & EpollEvents.hangUp != 0 || state.inputClosed() == .close { close(); return }
            updateInterest()
        }
        if events & EpollEvents.output != 0 && !closed { drive() }
    }

    private func readable() {
        guard state.isWaitingForInput else { return }
        let result: Syscall.ReadResult
        do {
            result = try Syscall.read(socket.rawValue, into: loop.readBuffer)
        } catch {
            close()
            return
        }
        switch result {
        case .wouldBlock:
            return
        case .endOfFile:
            if state.inputClosed() == .close { close() } else { drive() }
        case .bytes(let count):
            parser.append(UnsafeRawBufferPointer(start: loop.readBuffer.baseAddress, count: count))
            parserStarved = false
            drive()
        }
    }

    /// Handles buffered requests, writes, and settles which deadline and epoll interest apply.
    func drive() {
        while !closed {
            if stream != nil { pullStream() }
            if closed { return }
            processRequests()
            if closed { return }
            let action = flush()
            if closed { return }
            if action == .close { close(); return }
            if action == .processBuffered && !parserStarved { continue }
            if state.isWaitingForInput && state.waitForInput(parser.phase, now: loop.now) == .close {
                close()
                return
            }
            break
        }
        if !closed { updateInterest() }
    }

    private func processRequests() {
        while !parserStarved && !state.closeAfterOutput && output.count < Connection.outputWatermark {
            switch state.phase {
            case .idle, .readingHead, .readingBody, .writing: break
            case .awaitingHandler, .streaming, .closing: return
            }
            switch parser.next() {
            case .needMore:
                parserStarved = true
            case .expectContinue:
                output.append(ResponseHead.continueLine)
            case .request(let request, let keepAlive):
                handle(request, keepAlive: keepAlive)
            case .failure(let problem):
                answer(problem)
            }
        }
    }

    /// Writes what the socket takes and lets the state machine judge the result.
    private func flush() -> ConnectionState.Action {
        var written = 0
        if !output.isEmpty {
            do {
                written = try output.write(to: socket.rawValue, vectors: loop.vectors)
            } catch {
                close()
                return .close
            }
            if output.isEmpty && !unloggedAnswers.isEmpty { logAnswers() }
        }
        return state.outputFlushed(remaining: output.count, progressed: written > 0, now: loop.now)
    }

    func updateInterest() {
        let pending = output.isEmpty ? 0 : EpollEvents.output
        let wanted: UInt32 = switch state.phase {
        case .idle, .readingHead, .readingBody: EpollEvents.input | pending
        case .awaitingHandler: pending
        case .writing, .closing: EpollEvents.output
        case .streaming: (state.inputEnded ? 0 : EpollEvents.peerHangUp) | pending
        }
        guard wanted != interest else { return }
        do {
            try loop.epoll.modify(socket.rawValue, events: wanted, tag: tag)
            interest = wanted
        } catch {
            close()
        }
    }

    /// The periodic deadline check of the loop.
    func checkDeadline() {
        switch state.checkDeadline(now: loop.now) {
        case .timeOut:
            var bytes: [UInt8] = []
            let response = Problem(status: 408, detail: "The request took too long to arrive.", closeConnection: true).response
            ResponseHead.append(status: 408, headers: response.headers, framing: .length(response.bodyCount),
                                connection: .close, date: loop.date.headerLine, to: &bytes)
            if case .bytes(let body) = response.body { bytes.append(contentsOf: body) }
            Syscall.sendOnce(socket.rawValue, bytes)
            close()
        case .close:
            close()
        default:
            break
        }
    }

    func shutdownRequested() {
        switch state.shutdownRequested() {
        case .close: close()
        case .finishStream:
            stream?.stream.finish()
            drive()
        default: break
        }
    }

    /// Idempotent: releases the socket, ends an open stream, and leaves the loop's table.
    func close() {
        guard !closed else { return }
        closed = true
        if let open = stream {
            stream = nil
            open.stream.close()
        }
        loop.forget(self)
        // close(2) also removes the descriptor from the epoll set.
        socket.close()
    }

    func logAnswers() {
        let finished = MonotonicClock.now()
        for record in unloggedAnswers { loop.context.logger.access(record, finished: finished, into: &loop.accessLog) }
        unloggedAnswers.removeAll(keepingCapacity: true)
    }
}
