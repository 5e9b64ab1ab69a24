import HTTP

/// `POST /v1/cases/{ref}/actions`: a supporter's action, counted once and durably.
///
/// Public callers (no `Authorization`) are rate-limited per client address on the event loop, before
/// any work is queued, so a flood costs little. Callers with a token are checked on the blocking pool
/// (the check reads the database) and are not rate-limited: a bad token is a 401, never anonymous.
struct ActionRoutes: Feature {
    let context: AppContext
    let service: ActionService
    let limiter: RateLimiter

    init(context: AppContext) {
        self.context = context
        let cache = context.cache, hub = context.tallyHub
        service = ActionService(database: context.database) {
            cache.talliesChanged()
            hub.tallyChanged()
        }
        limiter = RateLimiter(ratePerMinute: context.configuration.actionRatePerMinute,
                              burst: context.configuration.actionBurst)
    }

    func register(on router: inout Router) {
        router.post("/v1/cases/{ref}/actions") { [context, service, limiter] request in
            if limiter.isEnabled, !request.headers.contains("Authorization"),
               let wait = limiter.take(ClientAddress.key(for: request, trustProxy: context.configuration.trustProxy)) {
                throw ServiceError.rateLimited(retryAfter: wait)
            }
            return .later { try ActionRoutes.record(request, context, service) }
        }
    }

    private static func record(_ request: Request, _ context: AppContext, _ service: ActionService) throws -> Response {
        let segment = request.parameters["ref"] ?? ""
        guard let reference = ActionTarget.Reference(segment) else { throw ServiceError.notFound("no case \(segment)") }
        let key = try idempotencyKey(request)
        let input = try ActionInput.read(try RouteSupport.jsonObject(request))
        let admin = try RouteSupport.storage { try context.authenticator.admin(request) }
        let receipt = try RouteSupport.storage {
            try service.record(input, for: reference, asAdmin: admin != nil, idempotencyKey: key)
        }
        var response = RouteSupport.json(receipt.body, status: receipt.status, cacheControl: "no-store")
        if receipt.replayed { response.headers.add("Idempotent-Replayed", "true") }
        return response
    }

    /// The `Idempotency-Key` header: 1 to 200 characters, else 400.
    static func idempotencyKey(_ request: Request) throws -> String? {
        let values = request.headers.values("Idempotency-Key")
        guard let key = values.first else { return nil }
        guard values.count == 1, (1...200).contains(key.unicodeScalars.count) else {
            throw ServiceError.badRequest("Idempotency-Key must be one header of 1 to 200 characters")
        }
        return key
    }
}
