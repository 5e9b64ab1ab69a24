/// A response; the server adds `Content-Length`, `Date` and `Connection` when writing it.
public struct Response: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: Body

    public init(status: Int = 200, headers: Headers = Headers(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int = 200, contentType: String, bytes: [UInt8]) {
        self.status = status
        self.headers = Headers([(name: "Content-Type", value: contentType)])
        self.body = .bytes(bytes)
    }

    public enum Body: Sendable {
        case empty
        /// Arrays are copy-on-write: a cached answer is shared, not copied, per request.
        case bytes([UInt8])
        /// A long-lived answer written in pieces (Server-Sent Events); see `ResponseStream`.
        case stream(ResponseStream)
    }

    /// Byte count of a fixed body (0 for streams).
    public var bodyCount: Int {
        if case .bytes(let b) = body { return b.count }
        return 0
    }
}

/// What a handler gives back: an answer now (on the I/O thread), or work to run on the blocking pool.
/// Handlers that may touch the database or wait answer `.later`, so no slow call stalls the event loop.
public enum Reply: Sendable {
    case now(Response)
    case later(@Sendable () throws -> Response)
}

public typealias Handler = @Sendable (Request) throws -> Reply
