import GoodNews
import HTTP
import JSON

/// `POST /v1/preview`: Markdown to the HTML a save would store, for the editor's live preview. Admin only
/// (rendering costs time, and the public has nothing to preview); nothing is stored or cached.
struct PreviewRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        router.post("/v1/preview") { [context] request in
            .later {
                _ = try context.authenticator.requireAdmin(request)
                let html = try MarkdownPreview.html(from: RouteSupport.jsonObject(request))
                var writer = JSONWriter(capacity: html.utf8.count + 16)
                writer.beginObject()
                writer.key("html"); writer.string(html)
                writer.endObject()
                return ContentAnswers.privateItem(writer.bytes)
            }
        }
    }
}

extension PreviewRoutes {
    private typealias API = ContentOpenAPI

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [("/v1/preview", "post", API.operation(
            "previewMarkdown", tag: "posts", summary: "Render Markdown as a post body or case description would be",
            description: """
                The editor's live preview: the HTML that saving this text as a post `body` (or a case \
                `description`) would store as `body_html`, by the same renderer and rules. Nothing is stored.
                """,
            body: API.requestBody("MarkdownPreviewInput", "The text to render."),
            responses: API.writeResponses(
                ("200", OpenAPI.response("The rendered HTML.", schema: OpenAPI.schemaRef("MarkdownPreview"))),
                body: true, invalid: "`markdown` is missing, too long, or shaped so that it cannot be rendered.")
                + [("413", API.problem("The request body is larger than the server's body limit (`GOODNEWS_MAX_BODY`, "
                                       + "1 MiB by default): 200,000 characters written as JSON escapes can pass it."))],
            security: .admin))]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        [("MarkdownPreviewInput", API.input(MarkdownPreview.body, patch: false, noun: "preview")),
         ("MarkdownPreview", API.object([
            ("html", API.value("string", "The HTML fragment, as `body_html` would hold it.")),
         ], required: ["html"], description: "Rendered Markdown."))]
    }
}
