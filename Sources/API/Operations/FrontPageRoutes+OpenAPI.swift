import GoodNews
import JSON

extension FrontPageRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [
            ("/", "get", OpenAPI.operation(
                "getFrontPage", tag: "front page", summary: "A small page over this API: latest good news, cases with live counters, search.",
                description: "Plain HTML with its script and style sheet under `/assets/`; `Content-Security-Policy` allows this origin only.",
                responses: [
                    ("200", OpenAPI.response("The page.", contentType: "text/html; charset=utf-8", schema: OpenAPI.type("string"))),
                    ("304", OpenAPI.responseRef("NotModified")),
                    ("404", OpenAPI.responseRef("NotFound")),
                ])),
            ("/assets/{file}", "get", OpenAPI.operation(
                "getFrontPageAsset", tag: "front page", summary: "A file of the front page (`app.js`, `style.css`).",
                parameters: [OpenAPI.parameter("file", in: "path", "The file name.", schema: OpenAPI.type("string"))],
                responses: [
                    ("200", ["description": "The file, typed by its extension."]),
                    ("304", OpenAPI.responseRef("NotModified")),
                    ("404", OpenAPI.responseRef("NotFound")),
                ])),
        ]
    }
}
