/// Cross-origin access for browsers. Requests with an `Origin` get `Access-Control-Allow-Origin` (and the
/// exposed headers) when the origin is allowed; a preflight (`OPTIONS` with `Access-Control-Request-Method`)
/// is answered 204 here without reaching the router.
public struct CORS: Middleware {
    /// `["*"]` allows any origin; otherwise exact origins such as `https://example.org`.
    public let allowedOrigins: [String]
    public let allowedMethods: String
    public let allowedHeaders: String
    public let exposedHeaders: String
    public let maxAge: Int

    public init(allowedOrigins: [String] = ["*"],
                allowedMethods: [Method] = [.get, .head, .post, .put, .patch, .delete, .options],
                allowedHeaders: [String] = ["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match"],
                exposedHeaders: [String] = ["ETag", "Link", "Location", "X-Total-Count", "Retry-After", "X-Request-Id"],
                maxAge: Int = 86_400) {
        self.allowedOrigins = allowedOrigins.isEmpty ? ["*"] : allowedOrigins
        self.allowedMethods = allowedMethods.map(\.rawValue).joined(separator: ", ")
        self.allowedHeaders = allowedHeaders.joined(separator: ", ")
        self.exposedHeaders = exposedHeaders.joined(separator: ", ")
        self.maxAge = maxAge
    }

    private var allowsAny: Bool { allowedOrigins.contains("*") }

    /// The `Access-Control-Allow-Origin` value for `origin`, or nil when it is not allowed.
    func allowOrigin(for origin: String) -> String? {
        if allowsAny { return "*" }
        return allowedOrigins.contains(origin) ? origin : nil
    }

    public func willHandle(_ request: inout Request) -> Response? {
        guard request.method == .options,
              let origin = request.headers["Origin"],
              request.headers.contains("Access-Control-Request-Method") else { return nil }
        var headers = Headers()
        if let allowed = allowOrigin(for: origin) {
            headers.add("Access-Control-Allow-Origin", allowed)
            headers.add("Access-Control-Allow-Methods", allowedMethods)
            headers.add("Access-Control-Allow-Headers", allowedHeaders)
            headers.add("Access-Control-Max-Age", String(maxAge))
        }
        if !allowsAny { headers.add("Vary", "Origin") }
        return Response(status: 204, headers: headers)
    }

    public func didHandle(_ request: Request, _ response: inout Response) {
        // Answers differ by origin when the list is explicit: caches must key on it.
        if !allowsAny { response.headers.add("Vary", "Origin") }
        guard let origin = request.headers["Origin"], let allowed = allowOrigin(for: origin) else { return }
        // A preflight answered by willHandle already has its headers.
        if response.headers.contains("Access-Control-Allow-Origin") { return }
        response.headers.add("Access-Control-Allow-Origin", allowed)
        response.headers.add("Access-Control-Expose-Headers", exposedHeaders)
    }
}
