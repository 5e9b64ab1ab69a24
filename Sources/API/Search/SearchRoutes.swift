import GoodNews
import HTTP
import JSON

/// `GET /v1/search?q=&type=post|case&limit=`: ranked hits with an HTML snippet.
///
/// Answers are cached by normalised query (lower-cased words, type, limit) until content changes or a
/// scheduled post goes live: a repeated search is answered on the event loop from the cache, only a
/// new one costs an FTS5 query (several ms for common words) on the blocking pool.
struct SearchRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        let service = SearchService(storage: context.storage)
        let cache = context.cache
        router.get("/v1/search") { request in
            let parameters = try SearchParameters(request.query)
            let (query, kind, limit) = (parameters.query, parameters.kind, parameters.limit)
            let key = "search\u{0}\(kind?.rawValue ?? "")\u{0}\(limit)\u{0}\(query.normalized)"
            if let answer = cache.lookup(key, now: context.clock.seconds) {
                return .now(SearchRoutes.response(answer))
            }
            return .later {
                let stamp = cache.stamp()
                let now = context.clock.seconds
                let result = try service.search(query, kind: kind, limit: limit, now: now)
                let body = SearchRoutes.render(result.hits)
                let answer = cache.store(key, body: body, dependencies: .content, stamp: stamp,
                                         expiresAt: result.expiresAt)
                return SearchRoutes.response(answer)
            }
        }
    }

    static func response(_ answer: AnswerCache.Answer) -> Response {
        RouteSupport.json(answer.body, cacheControl: "no-cache", etag: answer.etag)
    }

    /// `{"data":[{"type","id","slug","title","snippet","published_at"}]}`; `published_at` is null for cases.
    static func render(_ hits: [SearchHit]) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + hits.count * 320)
        writer.beginObject()
        writer.key("data")
        writer.beginArray()
        for hit in hits {
            writer.beginObject()
            writer.key("type"); writer.string(hit.kind.rawValue)
            writer.key("id"); writer.int(hit.id)
            writer.key("slug"); writer.string(hit.slug)
            writer.key("title"); writer.string(hit.title)
            writer.key("snippet"); writer.string(hit.snippet)
            writer.key("published_at"); writer.time(hit.publishedAt)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}
