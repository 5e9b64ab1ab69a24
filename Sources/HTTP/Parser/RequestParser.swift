/// Limits the parser enforces while bytes arrive (Go's MaxHeaderBytes and friends).
///
/// Together with the fixed bounds they cap everything a request makes the parser hold:
/// - the method token: 32 bytes (`HeadScanner.maxMethodBytes`, 501 beyond);
/// - the target, the head, the header count, the body: the settings below; decoded path segments and query
///   items are slices of the target, so they are bounded by it;
/// - chunked bodies: a chunk-size line with its extensions 4 KiB, the framing overhead 16 KiB beyond what the
///   data earns, the trailer section `maxHeadBytes` (`BodyReader`);
/// - numbers: Content-Length and chunk sizes are parsed with overflow checks (400 when they do not fit an
///   `Int`), then compared with `maxBodyBytes` (413) before any byte of the body is read.
public struct ParserLimits: Sendable {
    /// Request target longer than this → 414.
    public var maxTargetBytes = 8 * 1024
    /// Request line + header section longer than this → 431.
    public var maxHeadBytes = 16 * 1024
    /// More header fields than this → 431.
    public var maxHeaderCount = 100
    /// Body longer than this → 413 (announced lengths are refused before the body is read).
    public var maxBodyBytes = 1 << 20
    public init() {}
}

/// Incremental HTTP/1.1 request parser (RFC 9112): fed whatever bytes arrived, scans only new bytes.
///
/// The parser owns one byte buffer. Bytes before `start` are consumed; they are dropped lazily in `append`
/// (all at once when everything was consumed, by compaction when the consumed prefix is large), so a read of
/// pipelined requests costs no copying per request. Every refusal except 417 closes: once framing is in doubt
/// the parser keeps answering that same failure and ignores further bytes.
public struct RequestParser {
    public enum Phase: Sendable { case idle, head, body }
    public enum Result {
        /// Not a whole request yet: read more.
        case needMore
        /// The head asked for `Expect: 100-continue` and its body has not arrived: send `100 Continue` now.
        /// Reported once per request; call `next()` again after sending.
        case expectContinue
        /// One complete request; `keepAlive` applies RFC 9112 §9.3 persistence rules.
        case request(Request, keepAlive: Bool)
        /// A request that must be refused; after `closeConnection` problems nothing more can be parsed.
        case failure(Problem)
    }

    enum Mode { case head, body, failed }

    /// A consumed prefix at least this long, and at least half the buffer, is compacted away on the next append.
    static let compactionThreshold = 16 * 1024
    /// An emptied buffer keeps its storage up to this size.
    static let retainedCapacity = 64 * 1024

    let limits: ParserLimits
    var buffer: [UInt8] = []
    var start = 0
    var mode = Mode.head
    var head = HeadScanner()
    var body = BodyReader()
    var failure = Problem(status: 400, closeConnection: true)

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
        buffer.reserveCapacity(4096)
    }

    /// What the parser is waiting for, so the server applies the header- or body-read time-out.
    public var phase: Phase {
        switch mode {
        case .head: start < buffer.count ? .head : .idle
        case .body: .body
        case .failed: .idle
        }
    }

    /// Appends newly read bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard mode != .failed, !bytes.isEmpty else { return }
        if start == buffer.count {
            // A large body read once should not pin its memory for the rest of a long-lived connection.
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.retainedCapacity)
            start = 0
        } else if start >= Self.compactionThreshold && start >= buffer.count &- start {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        bytes.withMemoryRebound(to: UInt8.self) { buffer.append(contentsOf: $0) }
    }

    /// The next event from the buffered bytes; call until `.needMore` (pipelined requests come out in order).
    public mutating func next() -> Result {
        do throws(Problem) {
            switch mode {
            case .head: return try nextHead()
            case .body: return try nextBody()
            case .failed: return .failure(failure)
            }
        } catch {
            return fail(error)
        }
    }

    private mutating func fail(_ problem: Problem) -> Result {
        if problem.closeConnection {
            mode = .failed
            failure = problem
            buffer = []
            start = 0
        } else {
            finishRequest()
        }
        return .failure(problem)
    }

    private mutating func nextHead() throws(Problem) -> Result {
        guard start < buffer.count else { return .needMore }
        if head.scanned == 0 {
            // RFC 9112 §2.2: empty lines before a request line are ignored.
            while buffer.count &- start >= 2 && buffer[start] == ASCII.cr && buffer[start &+ 1] == ASCII.lf {
                start &+= 2
            }
            if buffer.count &- start == 1 && buffer[start] == ASCII.cr { return .needMore }
        }
        let available = min(buffer.count &- start, limits.maxHeadBytes)
        let headLength = try buffer.withUnsafeBufferPointer { all throws(Problem) in
            try head.scan(UnsafeBufferPointer(rebasing: all[start..<start &+ available]), limits: limits)
        }
        guard let headLength else {
            if available == limits.maxHeadBytes {
                throw .closing(431, "The request line and header fields exceed \(limits.maxHeadBytes) bytes.")
            }
            return .needMore
        }
        start &+= headLength
        return try startBody()
    }

    /// Judges the framing of a complete head, then delivers a body-less request or starts reading the body.
    private mutating func startBody() throws(Problem) -> Result {
        let framing = head.framing
        let announced = try framing.body(version: head.version, limits: limits)
        body.keepAlive = framing.keepAlive(version: head.version)
        if framing.expectation == .unknown {
            body.refusal = Problem(status: 417, detail: "The only expectation supported is `100-continue`.")
        }
        switch announced {
        case .none:
            return completeRequest()
        case .length(let length):
            body.begin(.length(remaining: length), reserving: length)
        case .chunked:
            body.begin(.chunkSize, reserving: 0)
        }
        mode = .body
        // RFC 9110 §10.1.1: a client that already started sending the content needs no 100 (Continue).
        if framing.expectation == .hundredContinue && head.version == .http1_1 && start == buffer.count {
            return .expectContinue
        }
        return try nextBody()
    }

    private mutating func nextBody() throws(Problem) -> Result {
        let (consumed, complete) = try buffer.withUnsafeBufferPointer { all throws(Problem) in
            try body.read(UnsafeBufferPointer(rebasing: all[start...]), limits: limits)
        }
        start &+= consumed
        return complete ? completeRequest() : .needMore
    }

    /// Hands out the finished request (or the non-closing refusal it earned) and resets for the next one.
    private mutating func completeRequest() -> Result {
        if let refusal = body.refusal { return fail(refusal) }
        let target = head.target
        let request = Request(method: head.method, target: target.raw, path: target.path,
                              pathSegments: target.pathSegments, query: target.query, version: head.version,
                              headers: Headers(head.fields), body: body.bytes)
        let keepAlive = body.keepAlive
        finishRequest()
        return .request(request, keepAlive: keepAlive)
    }

    private mutating func finishRequest() {
        head = HeadScanner()
        body = BodyReader()
        mode = .head
    }
}
