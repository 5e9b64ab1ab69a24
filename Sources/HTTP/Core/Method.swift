/// An HTTP method token, kept as sent (methods are case-sensitive, RFC 9110 §9.1).
public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let get = Method("GET")
    public static let head = Method("HEAD")
    public static let post = Method("POST")
    public static let put = Method("PUT")
    public static let patch = Method("PATCH")
    public static let delete = Method("DELETE")
    public static let options = Method("OPTIONS")

    /// One of the methods RFC 9110 §9 defines, PATCH (RFC 5789), or QUERY (the IETF's safe method with a
    /// body, which clients and testers already send). The router answers 405 for these on a path that lacks
    /// them, and 501 for any other token it has no route for.
    public var isStandard: Bool {
        switch rawValue {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "QUERY": true
        default: false
        }
    }

    /// The method's name if it is standard, else `other`: a label with eleven possible values for metrics and
    /// other per-method tables, whatever token a client sends (tokens are client text of up to 32 bytes).
    public var metricsLabel: String { isStandard ? rawValue : "other" }
}

/// The protocol version of a request line.
public struct Version: Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    public static let http1_0 = Version(major: 1, minor: 0)
    public static let http1_1 = Version(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}
