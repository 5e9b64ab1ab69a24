import GoodNews
import JSON

extension FeedRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [("/v1/feed.atom", "get", OpenAPI.operation(
            "getAtomFeed", tag: "posts", summary: "Atom 1.0 feed of the 50 newest public posts.",
            description: """
                Entries carry title, summary, the Markdown body as `content type="text"`, published and \
                updated times and one `category` per tag; entry ids are `urn:uuid:` names that never change. \
                Absolute links use `GOODNEWS_PUBLIC_URL` when the server has one; otherwise they are built from \
                the request's `Host` header with scheme `http` (behind a proxy with `GOODNEWS_TRUST_PROXY=1`: the \
                rightmost `X-Forwarded-Proto` and `X-Forwarded-Host` entries, the ones the proxy appended); a \
                malformed host becomes `localhost`. Each entry links to its page (`/posts/{slug}`, `text/html`) and its JSON (`/v1/posts/{slug}`).
                """,
            responses: [
                ("200", OpenAPI.response("The feed.", contentType: "application/atom+xml", schema: OpenAPI.type("string"))),
                ("304", OpenAPI.responseRef("NotModified")),
                ("503", OpenAPI.responseRef("ServiceUnavailable")),
            ]))]
    }
}
