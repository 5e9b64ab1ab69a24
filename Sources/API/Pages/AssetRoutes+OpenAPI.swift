import GoodNews
import JSON

extension AssetRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [
            ("/admin", "get", OpenAPI.operation(
                "getAdminConsole", tag: "site", summary: "The editor's console (sign in with an admin token).",
                description: "One HTML page with its script under `/assets/`; it calls this API with the token as "
                    + "`Bearer`, kept in the browser's `sessionStorage`.",
                responses: [
                    ("200", OpenAPI.response("The page.", contentType: "text/html; charset=utf-8", schema: OpenAPI.type("string"))),
                    ("304", OpenAPI.responseRef("NotModified")),
                    ("404", OpenAPI.responseRef("NotFound")),
                ])),
            ("/assets/{file}", "get", OpenAPI.operation(
                "getSiteAsset", tag: "site", summary: "A file of the site (`site.css`, `case.js`, `admin.js`, …).",
                parameters: [OpenAPI.parameter("file", in: "path", "The file name.", schema: OpenAPI.type("string"))],
                responses: [
                    ("200", ["description": "The file, typed by its extension."]),
                    ("304", OpenAPI.responseRef("NotModified")),
                    ("404", OpenAPI.responseRef("NotFound")),
                ])),
        ]
    }
}
