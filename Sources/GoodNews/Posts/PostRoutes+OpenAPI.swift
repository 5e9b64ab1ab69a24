import JSON

extension PostRoutes {
    private typealias API = ContentOpenAPI

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [
            ("/v1/posts", "get", PostRoutes.listOperation),
            ("/v1/posts", "post", PostRoutes.createOperation),
            ("/v1/posts/{ref}", "get", PostRoutes.itemOperation),
            ("/v1/posts/{ref}", "patch", PostRoutes.updateOperation),
            ("/v1/posts/{ref}", "delete", PostRoutes.deleteOperation),
        ]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        [
            ("Post", PostRoutes.postSchema),
            ("PostImage", PostRoutes.imageSchema),
            ("PostInput", PostRoutes.inputSchema(patch: false)),
            ("PostPatch", PostRoutes.inputSchema(patch: true)),
            ("PostList", API.object([
                ("data", API.value("array", "The page, newest first.", [("items", API.schema("Post"))])),
                ("next_cursor", API.value("string", "Pass as `cursor` for the next page; null on the last page.",
                                          nullable: true)),
            ], required: ["data", "next_cursor"], description: "A page of posts.")),
        ]
    }

    private static let listOperation = API.operation(
        "listPosts", tag: "posts", summary: "The Good News feed",
        description: """
            Published posts dated now or earlier, newest first (`published_at` desc, then `id` desc). \
            Drafts and scheduled posts (a future `published_at`) are never shown without a token. \
            With an admin token, `status` widens the list. Public answers are cached by the server until a write \
            or the next scheduled publication (`Cache-Control: public, max-age` ≤ 30); admin answers are \
            `private, no-store`. `Link: <…>; rel="next"` repeats the query with the next cursor.
            """,
        parameters: [
            API.parameter("status", """
                Admin only (without a token anything but `published` is a 401): `published` (every published \
                post, scheduled ones included), `draft` (drafts: dated newest first, then undated ones by id), \
                `all` (both, undated drafts last). Left out: the public feed, with or without a token. Other values: 400.
                """, schema: ["type": "string", "enum": ["draft", "published", "all"]]),
            API.parameter("tag", "Only posts with this tag (exact match, trimmed).", schema: ["type": "string"]),
            API.parameter("case", "Only posts linked to this case, by id (all digits) or slug; an unknown case "
                          + "gives an empty list.", schema: ["type": "string"]),
            API.parameter("from", "Only posts with `published_at` at or after this: RFC 3339 with any offset, or a "
                          + "date `YYYY-MM-DD` meaning 00:00:00Z that day. Anything else: 400.",
                          schema: ["type": "string"]),
            API.parameter("to", "Only posts with `published_at` at or before this: RFC 3339 with any offset, or a "
                          + "date `YYYY-MM-DD` meaning 23:59:59Z that day (inclusive). Anything else: 400.",
                          schema: ["type": "string"]),
            API.q("title, summary and body"),
            API.limit, API.cursor("a case cursor, say"), API.includeTotal,
        ],
        responses: [
            ("200", API.json("A page of posts.", schema: API.schema("PostList"), headers: [
                ("ETag", API.etag),
                ("Link", API.header("`<…>; rel=\"next\"` when there is a next page.")),
                ("X-Total-Count", API.header("With `include_total=true`: all posts matching the filters.",
                                             type: "integer")),
                ("Cache-Control", API.cacheControl("`public, max-age=N` (N ≤ 30) or, with a token, `private, no-store`.")),
            ])),
            ("304", API.notModified),
            ("400", API.problem("A bad `limit`, `cursor`, `status`, `from`, `to` or `include_total`.")),
            ("401", API.unauthorized),
            ("503", API.unavailable),
        ],
        security: .optionalAdmin)

    private static let itemOperation = API.operation(
        "getPost", tag: "posts", summary: "One post",
        description: "A published post dated now or earlier; with an admin token, any post (drafts, scheduled).",
        parameters: [API.refParameter("post")],
        responses: [
            ("200", API.json("The post.", schema: API.schema("Post"), headers: [
                ("ETag", API.etag),
                ("Cache-Control", API.cacheControl("`public, max-age=60`, or with a token `private, no-store`.")),
            ])),
            ("304", API.notModified),
            ("401", API.unauthorized),
            ("404", API.problem("No such post, or not public (a draft or scheduled post without a token).")),
            ("503", API.unavailable),
        ],
        security: .optionalAdmin)

    private static let createOperation = API.operation(
        "createPost", tag: "posts", summary: "Create a post",
        description: """
            The post shape without `id`, `created_at`, `updated_at` (sent anyway, they are ignored). Unknown \
            members are a 422 naming each. A `published` post without `published_at` is dated now; a future \
            `published_at` schedules it.
            """,
        body: API.requestBody("PostInput", "The new post."),
        responses: [
            ("201", API.json("Created; the post as stored.", schema: API.schema("Post"), headers: [
                ("Location", API.header("`/v1/posts/<slug>`.")),
            ])),
            ("400", API.malformedBody),
            ("401", API.unauthorized),
            ("409", API.problem("The slug is taken.")),
            ("415", API.unsupportedMediaType),
            ("422", API.problem("Validation failed; `errors` has one entry per field, e.g. "
                                + "`{\"field\": \"cases[1]\", \"message\": \"no such case\"}`.")),
            ("503", API.unavailable),
        ],
        security: .admin)

    private static let updateOperation = API.operation(
        "updatePost", tag: "posts", summary: "Change a post",
        description: """
            Partial: members left out keep their value; `null` clears (`published_at`, `image` to null; `summary`, \
            `body` to ""; `tags`, `cases` to []); `null` for `slug`, `title` or `status` is a 422. `tags`/`cases` \
            replace the whole list. Turning a post `published` without a date dates it now; clearing the date of \
            a published post is a 422. The slug stays when the title changes. `updated_at` becomes now.
            """,
        parameters: [API.refParameter("post")],
        body: API.requestBody("PostPatch", "The members to change."),
        responses: [
            ("200", API.json("The post as it now is.", schema: API.schema("Post"))),
            ("400", API.malformedBody),
            ("401", API.unauthorized),
            ("404", API.problem("No such post.")),
            ("409", API.problem("The new slug is taken.")),
            ("415", API.unsupportedMediaType),
            ("422", API.problem("Validation failed; `errors` has one entry per field.")),
            ("503", API.unavailable),
        ],
        security: .admin)

    private static let deleteOperation = API.operation(
        "deletePost", tag: "posts", summary: "Delete a post",
        description: "Deletes the post with its tags and case links.",
        parameters: [API.refParameter("post")],
        responses: [
            ("204", ["description": "Deleted."]),
            ("401", API.unauthorized),
            ("404", API.problem("No such post.")),
            ("503", API.unavailable),
        ],
        security: .admin)
}
