/// Adds a strong `ETag` to successful GET/HEAD answers with a fixed body (JSON-ish by default), keeping any
/// tag the handler set, and turns them into `304 Not Modified` without a body when `If-None-Match` matches.
/// Place it after `Gzip` in the middleware list so its check runs first and a 304 costs no compression.
public struct ConditionalGET: Middleware {
    private let appliesTo: @Sendable (String) -> Bool

    /// `appliesTo` receives the `Content-Type` (empty when none) and says whether to tag the answer.
    public init(appliesTo: @escaping @Sendable (String) -> Bool = ConditionalGET.isJSONish) {
        self.appliesTo = appliesTo
    }

    /// `application/json`, `…+json`, `…+xml` (Atom) and the like.
    @Sendable public static func isJSONish(_ contentType: String) -> Bool {
        contentType.containsASCII("json") || contentType.containsASCII("+xml")
    }

    public func didHandle(_ request: Request, _ response: inout Response) {
        guard request.method == .get || request.method == .head, response.status == 200,
              case .bytes(let body) = response.body else { return }
        let tag: String
        if let existing = response.headers["ETag"] {
            tag = existing
        } else {
            guard appliesTo(response.headers["Content-Type"] ?? "") else { return }
            tag = EntityTag.strong(for: body)
            response.headers.add("ETag", tag)
        }
        guard request.headers.contains("If-None-Match") else { return }
        let conditions = request.headers.values("If-None-Match")
        guard EntityTag.noneMatchHits(conditions.joined(separator: ","), current: tag) else { return }
        // RFC 9110 §15.4.5: no content, and no representation metadata beyond what updates a cache.
        response.status = 304
        response.body = .empty
        response.headers.remove("Content-Type")
        response.headers.remove("Content-Encoding")
    }
}
