import Threads
extension Connection {
    /// Runs middleware and route for one parsed request: `.now` answers are queued at once,
    /// `.later` work goes to the blocking pool and the connection waits for it.
    func handle(_ request: Request, keepAlive: Bool) {
        state.requestReceived()
        var request = request
        request.remoteAddress = remoteAddress
        // The loop's clock reading of this wake-up: no extra clock call per request.
        request.receivedAt = loop.now
        let started = request.receivedAt
        let outcome = loop.context.responder.respond(to: &request)
        var exchange = Exchange(isHead: request.method == .head, isHTTP10: request.version == .http1_0,
                                keepAlive: keepAlive, record: nil)
        if loop.context.logsAccess {
            exchange.record = AccessRecord(
                method: request.method.rawValue, path: request.path, status: 0, bytes: 0, started: started,
                requestID: request.id, client: loop.context.configuration.logClientAddress ? remoteAddress : nil)
        }
        switch outcome {
        case .now(let response):
            queue(response, exchange)
        case .later(let deferred):
            awaiting = exchange
            let loop = self.loop
            let tag = self.tag
            switch loop.context.pool.submit({ loop.post(.completed(tag: tag, deferred.run())) }) {
            case .queued:
                break
            case .full:
                awaiting = nil
                queue(deferred.refused(Connection.busy), exchange)
            case .stopping:
                awaiting = nil
                queue(deferred.refused(Connection.shuttingDown), exchange)
            }
        }
    }

    /// The blocking pool's queue is full (`maxQueuedJobs`): answered on the loop, the handler's work never runs.
    static let busy = Problem(status: 503, detail: "The server is busy; retry shortly.", headers: ["Retry-After": "1"])
    static let shuttingDown = Problem(status: 503, detail: "The server is shutting down.")

    /// The pool's answer to the request this connection waits on.
    func deliver(_ response: Response) {
        guard let exchange = awaiting else {
            loop.discard(.completed(tag: tag, response))
            return
        }
        awaiting = nil
        queue(response, exchange)
        drive()
    }

    /// A request the parser refused: its problem answer, closing after it when the stream is in doubt.
    func answer(_ problem: Problem) {
        var exchange = Exchange(isHead: false, isHTTP10: false, keepAlive: !problem.closeConnection, record: nil)
        if loop.context.logsAccess {
            exchange.record = AccessRecord(method: "-", path: "-", status: 0, bytes: 0, started: MonotonicClock.now(),
                                           requestID: "", client: loop.context.configuration.logClientAddress ? remoteAddress : nil)
        }
        queue(problem.response, exchange)
    }

    /// Serialises `response` into the output queue (head and body together) and updates the state.
    func queue(_ response: Response, _ exchange: Exchange) {
        var keepAlive = state.allowsKeepAlive(exchange.keepAlive) && !Connection.asksToClose(response.headers)
        let bodyless = response.status < 200 || response.status == 204 || response.status == 304
        var record = exchange.record
        record?.status = response.status
        switch response.body {
        case .empty, .bytes:
            writeHead(response, bodyless ? .none : .length(response.bodyCount), keepAlive, exchange)
            if !exchange.isHead && !bodyless, case .bytes(let body) = response.body {
                if let sealed = loop.context.sealedBodies.body(for: body) {
                    output.append(sealed)
                } else {
                    output.append(body)
                }
                record?.bytes = body.count
            }
            state.responseQueued(keepAlive: keepAlive, isStream: false)
            if let record { unloggedAnswers.append(record) }
        case .stream(let stream):
            let chunked = !exchange.isHTTP10
            if exchange.isHead || bodyless {
                writeHead(response, bodyless ? .none : (chunked ? .chunked : .untilClose), keepAlive, exchange)
                stream.close()
                state.responseQueued(keepAlive: keepAlive, isStream: false)
                if let record { unloggedAnswers.append(record) }
                return
            }
            // HTTP/1.0 has no chunked coding: the end of the stream is the end of the connection.
            if !chunked { keepAlive = false }
            writeHead(response, chunked ? .chunked : .untilClose, keepAlive, exchange)
            state.responseQueued(keepAlive: keepAlive, isStream: true)
            self.stream = OpenStream(stream: stream, chunked: chunked, record: record)
            stream.attach(ResponseStream.Sink(loop: loop, tag: tag), limit: loop.context.configuration.maxStreamBacklog)
        }
    }

    private func writeHead(_ response: Response, _ framing: Framing, _ keepAlive: Bool, _ exchange: Exchange) {
        let field: ConnectionField = exchange.isHTTP10
            ? (keepAlive ? .keepAlive : .close)
            : (keepAlive ? .omitted : .close)
        let date = loop.date.headerLine
        output.appendOwned { out in
            ResponseHead.append(status: response.status, headers: response.headers, framing: framing,
                                connection: field, date: date, to: &out)
        }
    }

    /// Moves what the producer wrote into the output (one chunk per pull), unless the client lags behind.
    func pullStream() {
        guard var open = stream else { return }
        let taken = open.stream.take(accepting: output.count < loop.context.configuration.maxStreamBacklog)
        if taken.dropped {
            loop.context.logger.warn("stream reader too slow; dropped", ["path": open.record?.path ?? ""])
            close()
            return
        }
        if !taken.bytes.isEmpty {
            if open.chunked {
                output.appendOwned { out in
                    Connection.appendHex(taken.bytes.count, to: &out)
                    out.append(0x0D)
                    out.append(0x0A)
                }
                output.append(taken.bytes)
                output.append(Connection.crlf)
            } else {
                output.append(taken.bytes)
            }
            open.record?.bytes += taken.bytes.count
        }
        guard taken.finished else {
            stream = open
            return
        }
        if open.chunked { output.append(Connection.lastChunk) }
        stream = nil
        open.stream.close()
        state.streamEnded()
        if let record = open.record { unloggedAnswers.append(record) }
    }

    /// A handler may ask to close with its own `Connection: close` (problems that leave framing in doubt do).
    static func asksToClose(_ headers: Headers) -> Bool {
        for field in headers.fields where field.name.utf8.count == 10 && Headers.nameEquals(field.name, "Connection") {
            if Headers.nameEquals(field.value, "close") { return true }
        }
        return false
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendHex(_ value: Int, to out: inout [UInt8]) {
        var shift = (Int.bitWidth - value.leadingZeroBitCount + 3) / 4 * 4 - 4
        if shift < 0 { shift = 0 }
        while shift >= 0 {
            out.append(hexDigits[(value >> shift) & 0xF])
            shift -= 4
        }
    }
}
