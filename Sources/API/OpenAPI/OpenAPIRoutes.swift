import GoodNews
import HTTP
import JSON

/// `GET /openapi.json`: the document is assembled and serialised once, when the routes are registered.
struct OpenAPIRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        let body = OpenAPIDocument(features: GoodNewsApp.features(context)).bytes
        let etag = EntityTag.strong(for: body)
        router.get("/openapi.json") { _ in
            // The document changes only with the binary: revalidation by ETag is all a client needs.
            .now(RouteSupport.json(body, cacheControl: "public, no-cache", etag: etag))
        }
    }

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [("/openapi.json", "get", OpenAPI.operation(
            "getOpenAPIDocument", tag: "operations", summary: "This document (OpenAPI 3.1).",
            responses: [
                ("200", OpenAPI.response("The OpenAPI document.", schema: ["type": "object"])),
                ("304", OpenAPI.responseRef("NotModified")),
            ]))]
    }
}
