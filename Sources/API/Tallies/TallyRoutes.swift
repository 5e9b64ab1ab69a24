import GoodNews
import HTTP

/// `GET /v1/cases/{ref}/tally`, `GET /v1/tallies`, `GET /v1/stats`: reads answered from the answer cache
/// on the event loop when nothing has changed since (the fast path), else computed on the blocking pool
/// from the tally tables and cached. A committed action invalidates the answers that embed its case's
/// tally (one case's, or the totals); every content change invalidates all (slugs, goals, statuses).
struct TallyRoutes: Feature {
    let context: AppContext
    let service: TallyService

    /// Clients may keep an answer but must revalidate it (the ETag makes that a 304).
    static let cacheControl = "no-cache"

    init(context: AppContext) {
        self.context = context
        service = TallyService(storage: context.storage)
    }

    func register(on router: inout Router) {
        router.get("/v1/cases/{ref}/tally") { [context, service] request in
            let segment = request.parameters["ref"] ?? ""
            return TallyRoutes.cached(context, key: "case-tally|" + segment) { _ in
                guard let reference = ContentRef(checking: segment),
                      let (target, tally) = try service.caseTally(reference)
                else { throw ServiceError.notFound("no case \(segment)") }
                return (TallyJSON.caseTally(target, tally), .max, target.id)
            }
        }
        router.get("/v1/tallies") { [context, service] request in
            let query = try TallyQuery(items: request.query)
            return TallyRoutes.cached(context, key: query.cacheKey) { now in
                let groups = try service.groups(query, now: now)
                // Without `to`, a day grouping gains a day at midnight without any write.
                let expires = query.groupBy == .day && query.to == nil ? (TallyService.day(of: now) + 1) * 86_400 : .max
                return (TallyJSON.groups(groups), expires, nil)
            }
        }
        router.get("/v1/stats") { [context, service] _ in
            TallyRoutes.cached(context, key: "stats") { now in
                let stats = try service.siteStats(now: now)
                return (stats.json, stats.nextPublication ?? .max, nil)
            }
        }
    }

    /// A cached answer now, or `.later` work that computes `(body, expiresAt, the case whose tally alone
    /// it embeds)` and caches it. The stamp is taken before the read, so an answer made stale by a commit
    /// during the read is not kept.
    static func cached(_ context: AppContext, key: String,
                       compute: @escaping @Sendable (_ now: Int64) throws -> ([UInt8], Int64, Int64?)) -> Reply {
        if let hit = context.cache.lookup(key, now: context.clock.seconds) {
            return .now(RouteSupport.json(hit.body, cacheControl: cacheControl, etag: hit.etag))
        }
        return .later {
            let stamp = context.cache.stamp()
            let now = context.clock.seconds
            let (body, expiresAt, tallyCase) = try compute(now)
            let answer = context.cache.store(key, body: body, dependencies: [.content, .tallies], stamp: stamp,
                                             expiresAt: expiresAt, tallyOf: tallyCase)
            return RouteSupport.json(answer.body, cacheControl: cacheControl, etag: answer.etag)
        }
    }
}
