import GoodNews
import HTTP

/// `POST /v1/cases/{ref}/actions`: a supporter's action, counted once and durably.
///
/// Order, so that a flood costs little: on the event loop, before any work is queued, every request that
/// does not carry a token known valid (from memory, `TokenCache`) is counted against its client address's
/// rate limit — a bogus `Authorization` header included, so a flood of bad tokens is limited like any
/// other; then, on the blocking pool, the token is checked (401 for a bad one, before the body is read;
/// a valid one gets its count back: admins are not limited), and only then the body is parsed.
struct ActionRoutes: Feature {
    let context: AppContext
    let service: ActionService
    let limiter: RateLimiter

    init(context: AppContext) {
        self.context = context
        service = ActionService(storage: context.storage, clock: context.clock)
        limiter = RateLimiter(ratePerMinute: context.configuration.actionRatePerMinute,
                              burst: context.configuration.actionBurst)
    }

    func register(on router: inout Router) {
        router.post("/v1/cases/{ref}/actions") { [context, service, limiter] request in
            let credential = context.authenticator.credential(request)
            var ticket: RateLimiter.Ticket?
            if limiter.isEnabled, !credential.isKnownAdmin {
                switch limiter.take(ClientAddress.key(for: request, trustProxy: context.configuration.trustProxy)) {
                case .allowed(let counted): ticket = counted
                case .limited(let seconds): throw ServiceError.rateLimited(retryAfter: seconds)
                case .full(let seconds):
                    throw ServiceError.unavailable("too many clients are recording actions; retry shortly",
                                                   retryAfter: seconds)
                }
            }
            return .later { [ticket] in
                let admin = try context.authenticator.verify(credential)
                if admin != nil, let ticket { limiter.refund(ticket) }
                return try ActionRoutes.record(request, asAdmin: admin != nil, service)
            }
        }
    }

    private static func record(_ request: Request, asAdmin: Bool, _ service: ActionService) throws -> Response {
        let segment = request.parameters["ref"] ?? ""
        guard let reference = ContentRef(checking: segment) else { throw ServiceError.notFound("no case \(segment)") }
        let key = try idempotencyKey(request)
        let input = try ActionInput.read(try RouteSupport.jsonObject(request))
        let receipt = try service.record(input, for: reference, asAdmin: asAdmin, idempotencyKey: key)
        var response = RouteSupport.json(receipt.body, status: 201, cacheControl: "no-store")
        if receipt.replayed { response.headers.add("Idempotent-Replayed", "true") }
        return response
    }

    /// The `Idempotency-Key` header: 1 to 200 characters without control characters (no tab), else 400.
    /// Bounded, since it becomes a database key and is stored for 24 hours.
    static func idempotencyKey(_ request: Request) throws -> String? {
        let values = request.headers.values("Idempotency-Key")
        guard let key = values.first else { return nil }
        // Printable ASCII, as `idempotencyKeySchema` says (the HTTP parser has trimmed the ends).
        guard values.count == 1, (1...200).contains(key.utf8.count),
              key.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ServiceError.badRequest("Idempotency-Key must be one header of 1 to 200 printable ASCII characters")
        }
        return key
    }
}
