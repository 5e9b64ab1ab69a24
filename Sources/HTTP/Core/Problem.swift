/// A failure with an HTTP status, turned into problem+json by the server.
/// Errors thrown by handlers that are not `ProblemConvertible` become a 500 that shows no internals.
public protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

/// An RFC 9457 problem document.
public struct Problem: Sendable, Error, ProblemConvertible {
    public struct FieldError: Sendable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) { self.field = field; self.message = message }
    }

    public var status: Int
    public var title: String
    public var detail: String?
    public var type: String
    public var errors: [FieldError]
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: Headers
    /// Close the connection after answering (framing of the stream is in doubt).
    public var closeConnection: Bool

    public init(status: Int, title: String? = nil, detail: String? = nil, type: String? = nil,
                errors: [FieldError] = [], headers: Headers = Headers(), closeConnection: Bool = false) {
        self.status = status
        self.title = title ?? Status.reason(status)
        self.detail = detail
        self.type = type ?? "about:blank"
        self.errors = errors
        self.headers = headers
        self.closeConnection = closeConnection
    }

    public var problem: Problem { self }
}
