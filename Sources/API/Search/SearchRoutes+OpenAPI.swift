import GoodNews
import JSON

extension SearchRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [("/v1/search", "get", OpenAPI.operation(
            "search", tag: "search", summary: "Full-text search over public posts and cases.",
            description: """
                Ranked by relevance (SQLite FTS5 bm25; a hit in a title or name weighs most, then the summary, \
                then the body or description, and for cases the campaign). Accent- and case-insensitive: \
                `quinones` finds `Quiñones`. `q` is plain words, never query syntax: every word must occur \
                (a hyphenated word such as `roberto-quinones` as a phrase); quotes, `AND`, `OR`, `NOT`, `*`, \
                `-`, `(` and the like are ordinary text, and words without letters or digits are ignored. \
                Only published posts whose `published_at` has passed are found. Without `type`, posts and \
                cases are merged by rank.
                """,
            parameters: SearchParameters.parameters.map(\.openAPI),
            responses: [
                ("200", OpenAPI.response("The best hits, best first.", schema: OpenAPI.object([
                    ("data", OpenAPI.array(of: OpenAPI.schemaRef("SearchHit"))),
                ], required: ["data"]))),
                ("304", OpenAPI.responseRef("NotModified")),
                ("400", OpenAPI.responseRef("BadRequest")),
                ("503", OpenAPI.responseRef("ServiceUnavailable")),
            ]))]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        [("SearchHit", OpenAPI.object([
            ("type", OpenAPI.enumeration(["post", "case"])),
            ("id", OpenAPI.type("integer")),
            ("slug", OpenAPI.type("string")),
            ("title", OpenAPI.type("string", "The post's title, or the case's name (plain text).")),
            ("snippet", OpenAPI.type("string", """
                HTML: a passage (about 12 words) of the field that matched best, with the matched words in \
                `<mark>…</mark>`; all other text is HTML-escaped, so it can be inserted as markup.
                """)),
            ("published_at", OpenAPI.dateTime("The post's publication time; null for cases.", nullable: true)),
        ], required: ["type", "id", "slug", "title", "snippet", "published_at"]))]
    }
}
