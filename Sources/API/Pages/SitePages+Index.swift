import GoodNews
import HTTP

/// `/sitemap.xml` (every public story and case, with its last change) and `/robots.txt`.
extension SitePages {
    /// The sitemap protocol's limit for one file.
    static let sitemapLimit = 50_000

    func sitemap(_ request: Request) -> Reply {
        let baseURL = self.baseURL(request)
        let key = CacheKey.make("page-sitemap", [baseURL])
        let cache = context.cache
        if let hit = cache.lookup(key, now: context.clock.seconds) { return .now(Self.xml(hit)) }
        return .later {
            let stamp = cache.stamp()
            let now = context.clock.seconds
            var out = Array("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>
                """.utf8)
            MarkupEscaping.appendEscaped(baseURL + "/", to: &out)
            out += Array("</loc></url>\n".utf8)
            var written = 1
            var expiresAt = Int64.max
            func add(_ path: String, _ slug: String, _ updatedAt: Int64) {
                out += Array("<url><loc>".utf8)
                MarkupEscaping.appendEscaped(baseURL + path + slug, to: &out)
                out += Array("</loc><lastmod>\(Timestamp(seconds: updatedAt).rfc3339)</lastmod></url>\n".utf8)
                written += 1
            }
            var cursor: String?
            repeat {
                var items: [(name: String, value: String)] = [("limit", String(ListParameters.maxLimit))]
                if let cursor { items.append(("cursor", cursor)) }
                let (page, next) = try posts.page(PostListQuery(items), scope: .publicFeed, now: now)
                expiresAt = min(expiresAt, next)
                for post in page.items where written < Self.sitemapLimit { add("/posts/", post.slug, post.updatedAt) }
                cursor = page.nextCursor
            } while cursor != nil && written < Self.sitemapLimit
            cursor = nil
            let cases = CaseService(storage: context.storage)
            repeat {
                var items: [(name: String, value: String)] = [("limit", String(ListParameters.maxLimit))]
                if let cursor { items.append(("cursor", cursor)) }
                let page = try cases.page(CaseListQuery(items))
                for item in page.items where written < Self.sitemapLimit { add("/cases/", item.slug, item.updatedAt) }
                cursor = page.nextCursor
            } while cursor != nil && written < Self.sitemapLimit
            out += Array("</urlset>\n".utf8)
            return Self.xml(cache.store(key, body: out, dependencies: .content, stamp: stamp, expiresAt: expiresAt))
        }
    }

    func robots(_ request: Request) -> Reply {
        let body = Array("""
            User-agent: *
            Disallow: /admin
            Disallow: /v1/
            Sitemap: \(baseURL(request))/sitemap.xml

            """.utf8)
        var response = Response(status: 200, contentType: "text/plain; charset=utf-8", bytes: body)
        response.headers.add("Cache-Control", "public, max-age=3600")
        response.headers.add("ETag", EntityTag.strong(for: body))
        return .now(response)
    }

    static func xml(_ answer: AnswerCache.Answer) -> Response {
        PageResponse.page(answer.body, etag: answer.etag, contentType: "application/xml; charset=utf-8")
    }
}
