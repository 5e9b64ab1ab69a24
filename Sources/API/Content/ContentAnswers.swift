import GoodNews
import HTTP

/// Turning rendered content into responses, and reusing them through the answer cache.
///
/// Only public answers are cached, keyed by the normalised query (parsed, defaults filled in), so
/// `?limit=20` and no `limit` share an entry. A list is two entries: the body, and a small "meta" entry
/// (next cursor, total) for the headers; both must be current for a hit.
enum ContentAnswers {
    /// Public items: short, so an edit shows within a minute even behind shared caches.
    static let itemCacheControl = "public, max-age=60"
    /// Public lists: the upper bound; less when a scheduled post goes live sooner.
    static let listMaxAge: Int64 = 30
    /// Admin views (drafts, scheduled posts) and answers to writes are never stored anywhere.
    static let privateCacheControl = "private, no-store"

    static func item(_ answer: AnswerCache.Answer) -> Response {
        RouteSupport.json(answer.body, cacheControl: itemCacheControl, etag: answer.etag)
    }

    static func privateItem(_ body: [UInt8], status: Int = 200, headers: Headers = Headers()) -> Response {
        RouteSupport.json(body, status: status, cacheControl: privateCacheControl, headers: headers)
    }

    /// A cached list answer for `key`, when both its entries are current.
    static func cachedList(_ key: String, in cache: AnswerCache, request: Request, now: Int64) -> Response? {
        guard let answer = cache.lookup(key, now: now), let meta = cache.lookup(key + metaSuffix, now: now),
              meta.stamp == answer.stamp else { return nil }
        let (cursor, total) = decodeMeta(meta.body)
        return list(answer.body, etag: answer.etag, nextCursor: cursor, total: total, request: request,
                    cacheControl: publicListCacheControl(expiresAt: answer.expiresAt, now: now))
    }

    /// Stores a freshly read public page (refused by the cache if a write came after `stamp`) and answers it.
    static func storeList<Item: JSONRendering>(_ page: ListPage<Item>, key: String, in cache: AnswerCache,
                                               stamp: AnswerCache.Stamp, dependencies: AnswerCache.Dependencies,
                                               expiresAt: Int64 = .max, request: Request, now: Int64) -> Response {
        let body = page.json
        let answer = cache.store(key, body: body, dependencies: dependencies, stamp: stamp, expiresAt: expiresAt)
        cache.store(key + metaSuffix, body: encodeMeta(page), dependencies: dependencies, stamp: stamp,
                    expiresAt: expiresAt)
        return list(body, etag: answer.etag, nextCursor: page.nextCursor, total: page.total, request: request,
                    cacheControl: publicListCacheControl(expiresAt: expiresAt, now: now))
    }

    /// An admin page: not cached, not cacheable.
    static func privateList<Item: JSONRendering>(_ page: ListPage<Item>, request: Request) -> Response {
        list(page.json, etag: nil, nextCursor: page.nextCursor, total: page.total, request: request,
             cacheControl: privateCacheControl)
    }

    static func list(_ body: [UInt8], etag: String?, nextCursor: String?, total: Int?, request: Request,
                     cacheControl: String) -> Response {
        var headers = Headers()
        if let nextCursor {
            headers.add("Link", "<" + QueryText.replacing(request, name: "cursor", with: nextCursor) + ">; rel=\"next\"")
        }
        if let total { headers.add("X-Total-Count", String(total)) }
        return RouteSupport.json(body, cacheControl: cacheControl, etag: etag, headers: headers)
    }

    /// `max-age` no later than the next scheduled publication, which changes the list.
    static func publicListCacheControl(expiresAt: Int64, now: Int64) -> String {
        let seconds = expiresAt == .max ? listMaxAge : max(0, min(listMaxAge, expiresAt - now))
        return "public, max-age=\(seconds)"
    }

    private static let metaSuffix = "\u{0}meta"

    private static func encodeMeta<Item>(_ page: ListPage<Item>) -> [UInt8] {
        Array(((page.nextCursor ?? "") + "\n" + (page.total.map(String.init) ?? "")).utf8)
    }

    private static func decodeMeta(_ bytes: [UInt8]) -> (cursor: String?, total: Int?) {
        let parts = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false)
        let cursor = parts[0].isEmpty ? nil : String(decoding: parts[0], as: UTF8.self)
        let total = parts.count > 1 ? Int(String(decoding: parts[1], as: UTF8.self)) : nil
        return (cursor, total)
    }
}
