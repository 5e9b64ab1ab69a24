import GoodNews
import HTTP

/// `GET /v1/feed.atom`: the 50 newest public posts as Atom 1.0, cached per base URL (one, with
/// `GOODNEWS_PUBLIC_URL`; else one per valid `Host`, see `BaseURL`) until content changes or the next
/// scheduled post goes live.
struct FeedRoutes: Feature {
    let context: AppContext
    static let contentType = "application/atom+xml; charset=utf-8"

    func register(on router: inout Router) {
        let storage = context.storage
        let cache = context.cache
        let trustProxy = context.configuration.trustProxy
        let publicURL = context.configuration.publicURL.flatMap(BaseURL.canonical)
        router.get("/v1/feed.atom") { request in
            let baseURL = BaseURL.of(request, trustProxy: trustProxy, publicURL: publicURL)
            let key = "feed\u{0}" + baseURL
            if let answer = cache.lookup(key, now: context.clock.seconds) {
                return .now(FeedRoutes.response(answer))
            }
            return .later {
                let stamp = cache.stamp()
                let now = context.clock.seconds
                let (entries, expiresAt) = try storage.read { tx in
                    (try tx.posts.feed(now: now, limit: FeedEntry.feedLength),
                     try tx.posts.nextPublication(after: now) ?? .max)
                }
                let body = AtomFeed(baseURL: baseURL).render(entries)
                let answer = cache.store(key, body: body, dependencies: .content, stamp: stamp, expiresAt: expiresAt)
                return FeedRoutes.response(answer)
            }
        }
    }

    static func response(_ answer: AnswerCache.Answer) -> Response {
        var response = Response(status: 200, contentType: contentType, bytes: answer.body)
        response.headers.add("ETag", answer.etag)
        response.headers.add("Cache-Control", "public, no-cache")
        return response
    }
}
