import GoodNews
import JSON

extension PageRoutes {
    private static let html = "text/html; charset=utf-8"

    private static func page(_ id: String, summary: String, description: String,
                             parameters: [JSONValue] = [], errors: [(String, String)] = []) -> JSONValue {
        var responses: [(String, JSONValue)] = [
            ("200", OpenAPI.response("The page.", contentType: html, schema: OpenAPI.type("string"))),
            ("304", OpenAPI.responseRef("NotModified")),
        ]
        for (status, text) in errors {
            responses.append((status, OpenAPI.response(text, contentType: html, schema: OpenAPI.type("string"), headers: [])))
        }
        responses.append(("503", OpenAPI.responseRef("ServiceUnavailable")))
        return OpenAPI.operation(id, tag: "site", summary: summary, description: description + " " + common,
                                 parameters: parameters, responses: responses)
    }

    private static let common = """
        Server-rendered HTML, readable without JavaScript; `Cache-Control: public, no-cache` with an `ETag` (a \
        reload revalidates); `Content-Security-Policy` allows scripts, styles and connections to this origin only.
        """

    private static let cursor = OpenAPI.parameter(
        "cursor", "The `next_cursor` of the previous page (the page's “More” link carries it).",
        schema: OpenAPI.type("string"))

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [
            ("/", "get", Self.page(
                "getFeedPage", summary: "The feed: newest stories first, the totals strip, the search box.",
                description: "\(SitePages.pageSize) stories a page, each with its date, title (a link to the story), "
                    + "summary, tags and photo; “More” links to the next page.",
                parameters: [Self.cursor], errors: [("400", "The cursor is not one this list made.")])),
            ("/posts/{slug}", "get", Self.page(
                "getPostPage", summary: "A whole story, with Open Graph and Twitter card tags for sharing.",
                description: "The rendered Markdown body, photo and caption, related cases and tags; a canonical "
                    + "URL built like the Atom feed's links.",
                parameters: [OpenAPI.parameter("slug", in: "path", "The post's slug (or id).", schema: OpenAPI.type("string"))],
                errors: [("404", "No public post has this slug.")])),
            ("/cases/{slug}", "get", Self.page(
                "getCasePage", summary: "A case: its facts, description, stories and tally.",
                description: "The tally by kind and by country and the progress toward the goal; with JavaScript the "
                    + "total updates live and a **Take action** button records an action.",
                parameters: [OpenAPI.parameter("slug", in: "path", "The case's slug (or id).", schema: OpenAPI.type("string"))],
                errors: [("404", "No case has this slug.")])),
            ("/search", "get", Self.page(
                "getSearchPage", summary: "Search results, ranked, with `<mark>` around the matched words.",
                description: "Posts and cases together, as `GET /v1/search` ranks them; no `q`: the empty search page.",
                parameters: [OpenAPI.parameter("q", "The words to search for (as `GET /v1/search` takes them); blank: "
                                               + "the empty search page.", schema: SearchQuery.filterSchema)],
                errors: [("400", "The words cannot be searched for (too long, too many, or control characters).")])),
            ("/tags/{tag}", "get", Self.page(
                "getTagPage", summary: "The public stories with a tag, newest first.",
                description: "Paged like the feed.",
                parameters: [OpenAPI.parameter("tag", in: "path", "The tag, exactly.", schema: OpenAPI.type("string")),
                             Self.cursor],
                errors: [("400", "The cursor is not one this list made."), ("404", "No public story has this tag.")])),
            ("/sitemap.xml", "get", OpenAPI.operation(
                "getSitemap", tag: "site", summary: "Every public story and case with its last change (sitemaps.org 0.9).",
                description: "At most \(SitePages.sitemapLimit) URLs; absolute links built like the Atom feed's.",
                responses: [
                    ("200", OpenAPI.response("The sitemap.", contentType: "application/xml; charset=utf-8",
                                             schema: OpenAPI.type("string"))),
                    ("304", OpenAPI.responseRef("NotModified")),
                    ("503", OpenAPI.responseRef("ServiceUnavailable")),
                ])),
            ("/robots.txt", "get", OpenAPI.operation(
                "getRobots", tag: "site", summary: "Crawlers may read the site but not `/admin` or `/v1/`; names the sitemap.",
                responses: [
                    ("200", OpenAPI.response("The rules.", contentType: "text/plain; charset=utf-8", schema: OpenAPI.type("string"))),
                    ("304", OpenAPI.responseRef("NotModified")),
                ])),
        ]
    }
}
