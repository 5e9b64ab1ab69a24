// API stub: the parser helper replaces the bodies; the signatures are the contract with the server.

/// Limits the parser enforces while bytes arrive (Go's MaxHeaderBytes and friends).
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

    public init(limits: ParserLimits = ParserLimits()) { fatalError("stub") }
    /// What the parser is waiting for, so the server applies the header- or body-read time-out.
    public var phase: Phase { fatalError("stub") }
    /// Appends newly read bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { fatalError("stub") }
    /// The next event from the buffered bytes; call until `.needMore` (pipelined requests come out in order).
    public mutating func next() -> Result { fatalError("stub") }
}
