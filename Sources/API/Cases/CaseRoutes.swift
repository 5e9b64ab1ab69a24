import GoodNews
import HTTP
import JSON

/// `/v1/cases`: the list and single cases (answered from the cache when they can: every case embeds its
/// tally, so the cached answers depend on content and tallies), and the admin's writes.
struct CaseRoutes: Feature {
    let context: AppContext

    private static let dependencies: AnswerCache.Dependencies = [.content, .tallies]

    func register(on router: inout Router) {
        let context = context
        router.get("/v1/cases") { try CaseRoutes.list($0, context) }
        router.get("/v1/cases/{ref}") { CaseRoutes.item($0, context) }
        router.post("/v1/cases") { CaseRoutes.create($0, context) }
        router.patch("/v1/cases/{ref}") { CaseRoutes.update($0, context) }
        router.delete("/v1/cases/{ref}") { CaseRoutes.delete($0, context) }
    }

    static func list(_ request: Request, _ context: AppContext) throws -> Reply {
        let query = try CaseListQuery(request.query)
        let service = CaseService(storage: context.storage)
        if request.headers.contains("Authorization") {
            // Cases have no private view, but a bad token is still a 401, never silently anonymous.
            return .later {
                _ = try context.authenticator.requireAdmin(request)
                let page = try service.page(query)
                return ContentAnswers.privateList(page, request: request)
            }
        }
        let key = query.cacheKey
        let now = context.clock.seconds
        if let hit = ContentAnswers.cachedList(key, in: context.cache, request: request, now: now) { return .now(hit) }
        return .later {
            let stamp = context.cache.stamp()
            let page = try service.page(query)
            return ContentAnswers.storeList(page, key: key, in: context.cache, stamp: stamp, dependencies: dependencies,
                                            request: request, now: now)
        }
    }

    static func item(_ request: Request, _ context: AppContext) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        let service = CaseService(storage: context.storage)
        if request.headers.contains("Authorization") {
            return .later {
                _ = try context.authenticator.requireAdmin(request)
                return ContentAnswers.privateItem(try service.item(ref).json)
            }
        }
        let key = CacheKey.make("case", [ref.description])
        if let hit = context.cache.lookup(key, now: context.clock.seconds) { return .now(ContentAnswers.item(hit)) }
        return .later {
            let stamp = context.cache.stamp()
            let item = try service.item(ref)
            return ContentAnswers.item(context.cache.store(key, body: item.json, dependencies: dependencies,
                                                           stamp: stamp, tallyOf: item.id))
        }
    }

    static func create(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.create(request, context, collection: "cases") { body in
            try CaseService(storage: storage).create(CaseService.input(from: body))
        }
    }

    static func update(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.update(request, context) { ref, body in
            try CaseService(storage: storage).update(ref, with: CaseService.patch(from: body))
        }
    }

    static func delete(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.delete(request, context) { ref in try CaseService(storage: storage).delete(ref) }
    }
}
