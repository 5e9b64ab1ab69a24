/// A complete request as handed to middleware and handlers (bodies are small and read whole).
public struct Request: Sendable {
    public var method: Method
    /// The request target exactly as sent (origin-form or absolute-form).
    public var target: String
    /// The percent-decoded path, e.g. `/v1/posts/quiñones`.
    public var path: String
    /// Percent-decoded path segments, without empty segments from leading/trailing slashes.
    public var pathSegments: [String]
    /// Percent-decoded query items in order (`+` decoded as space).
    public var query: [(name: String, value: String)]
    public var version: Version
    public var headers: Headers
    public var body: [UInt8]
    /// Values captured by `{name}` segments of the matched route.
    public var parameters: [String: String] = [:]
    /// The peer address of the socket, as text (`127.0.0.1`, `::1`).
    public var remoteAddress: String = ""
    /// Set by the request-id middleware (or taken from a sane `X-Request-Id`).
    public var id: String = ""
    /// CLOCK_MONOTONIC nanoseconds at which the server began handling this request (for durations).
    public var receivedAt: UInt64 = 0
    /// The route pattern that matched, e.g. `/v1/posts/{ref}` (empty when none did).
    public var route: String = ""

    public init(method: Method, target: String, path: String, pathSegments: [String],
                query: [(name: String, value: String)], version: Version, headers: Headers, body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.path = path
        self.pathSegments = pathSegments
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of query item `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        for item in query where item.name == name { return item.value }
        return nil
    }
}
