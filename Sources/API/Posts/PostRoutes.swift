import GoodNews
import HTTP
import JSON

/// `/v1/posts`: the public feed and single posts (answered from the cache when it can), and the admin's
/// drafts and writes (never cached; every committed write empties the cache before it answers).
struct PostRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        let context = context
        router.get("/v1/posts") { try PostRoutes.list($0, context) }
        router.get("/v1/posts/{ref}") { PostRoutes.item($0, context) }
        router.post("/v1/posts") { PostRoutes.create($0, context) }
        router.patch("/v1/posts/{ref}") { PostRoutes.update($0, context) }
        router.delete("/v1/posts/{ref}") { PostRoutes.delete($0, context) }
    }

    static func list(_ request: Request, _ context: AppContext) throws -> Reply {
        let query = try PostListQuery(request.query)
        let service = PostService(storage: context.storage)
        if request.headers.contains("Authorization") {
            return .later {
                _ = try context.authenticator.requireAdmin(request)
                let scope = try query.scope(isAdmin: true)
                let now = context.clock.seconds
                let (page, _) = try service.page(query, scope: scope, now: now)
                return ContentAnswers.privateList(page, request: request)
            }
        }
        _ = try query.scope(isAdmin: false)
        let key = query.cacheKey
        if let hit = ContentAnswers.cachedList(key, in: context.cache, request: request, now: context.clock.seconds) {
            return .now(hit)
        }
        return .later {
            let stamp = context.cache.stamp()
            let now = context.clock.seconds
            let (page, expiresAt) = try service.page(query, scope: .publicFeed, now: now)
            return ContentAnswers.storeList(page, key: key, in: context.cache, stamp: stamp, dependencies: .content,
                                            expiresAt: expiresAt, request: request, now: now)
        }
    }

    static func item(_ request: Request, _ context: AppContext) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        let service = PostService(storage: context.storage)
        if request.headers.contains("Authorization") {
            return .later {
                _ = try context.authenticator.requireAdmin(request)
                let now = context.clock.seconds
                let body = try service.item(ref, isAdmin: true, now: now).json
                return ContentAnswers.privateItem(body)
            }
        }
        let key = CacheKey.make("post", [ref.description])
        if let hit = context.cache.lookup(key, now: context.clock.seconds) { return .now(ContentAnswers.item(hit)) }
        return .later {
            let stamp = context.cache.stamp()
            let now = context.clock.seconds
            let body = try service.item(ref, isAdmin: false, now: now).json
            // Once public, a post stays public until a write (which empties the cache): no expiry.
            return ContentAnswers.item(context.cache.store(key, body: body, dependencies: .content, stamp: stamp))
        }
    }

    static func create(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.create(request, context, collection: "posts") { body in
            try PostService(storage: storage).create(PostService.input(from: body))
        }
    }

    static func update(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.update(request, context) { ref, body in
            try PostService(storage: storage).update(ref, with: PostService.patch(from: body))
        }
    }

    static func delete(_ request: Request, _ context: AppContext) -> Reply {
        let storage = context.storage
        return ContentWrites.delete(request, context) { ref in try PostService(storage: storage).delete(ref) }
    }
}
