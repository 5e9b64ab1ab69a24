import GoodNews
import JSON

extension PostRoutes {
    private typealias API = ContentOpenAPI

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        API.paths("posts", list: PostRoutes.listOperation, create: PostRoutes.createOperation,
                  item: PostRoutes.itemOperation, update: PostRoutes.updateOperation,
                  delete: PostRoutes.deleteOperation)
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        API.schemas(item: "Post", noun: "posts", schema: PostRoutes.postSchema,
                    related: [("PostImage", PostRoutes.imageSchema)], input: PostRoutes.inputSchema)
    }

    /// After the paging headers, unlike a case list's.
    private static let listCacheControl = (
        "Cache-Control", API.cacheControl("`public, max-age=N` (N ≤ 30) or, with a token, `private, no-store`."))

    private static let listOperation = API.operation(
        "listPosts", tag: "posts", summary: "The Good News feed",
        description: """
            Published posts dated now or earlier, newest first (`published_at` desc, then `id` desc). \
            Drafts and scheduled posts (a future `published_at`) are never shown without a token. \
            With an admin token, `status` widens the list. Public answers are cached by the server until a write \
            or the next scheduled publication (`Cache-Control: public, max-age` ≤ 30); admin answers are \
            `private, no-store`. `Link: <…>; rel="next"` repeats the query with the next cursor.
            """,
        parameters: PostListQuery.parameters.map(\.openAPI),
        responses: API.readResponses(
            API.json("A page of posts.", schema: API.schema("PostList"),
                     headers: [("ETag", API.etag)] + API.pageHeaders(noun: "posts") + [listCacheControl]),
            badRequest: "A bad `limit`, `cursor`, `status`, `from`, `to` or `include_total`; a `tag`, `case` or `q` "
                + "beyond its bounds or holding a control character."),
        security: .optionalAdmin)

    private static let itemOperation = API.operation(
        "getPost", tag: "posts", summary: "One post",
        description: "A published post dated now or earlier; with an admin token, any post (drafts, scheduled).",
        parameters: [API.refParameter("post")],
        responses: API.readResponses(
            API.json("The post.", schema: API.schema("Post"), headers: API.readHeaders(
                cacheControl: "`public, max-age=60`, or with a token `private, no-store`.")),
            notFound: "No such post, or not public (a draft or scheduled post without a token)."),
        security: .optionalAdmin)

    private static let createOperation = API.operation(
        "createPost", tag: "posts", summary: "Create a post",
        description: """
            The post shape without `id`, `created_at`, `updated_at` (sent anyway, they are ignored). Unknown \
            members are a 422 naming each. A `published` post without `published_at` is dated now; a future \
            `published_at` schedules it.
            """,
        body: API.requestBody("PostInput", "The new post."),
        responses: API.writeResponses(API.created(item: "Post", collection: "posts", noun: "post"), body: true,
                                      conflict: "The slug is taken.",
                                      invalid: "Validation failed; `errors` has one entry per field, e.g. "
                                          + "`{\"field\": \"cases[1]\", \"message\": \"no such case\"}`."),
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
        responses: API.writeResponses(API.updated(item: "Post", noun: "post"), body: true,
                                      notFound: "No such post.", conflict: "The new slug is taken."),
        security: .admin)

    private static let deleteOperation = API.operation(
        "deletePost", tag: "posts", summary: "Delete a post",
        description: "Deletes the post with its tags and case links.",
        parameters: [API.refParameter("post")],
        responses: API.writeResponses(API.deleted, body: false, notFound: "No such post."),
        security: .admin)
}
