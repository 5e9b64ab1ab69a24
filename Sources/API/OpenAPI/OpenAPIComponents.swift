import GoodNews
import JSON

/// What every feature's operations share: the problem document, paging parameters, common headers,
/// error responses and the bearer scheme.
enum OpenAPIComponents {
    static var schemas: [(name: String, schema: JSONValue)] {
        [
            ("FieldError", OpenAPI.object([
                ("field", OpenAPI.type("string", "The offending field or parameter, as a path (`image.url`, `tags[2]`).")),
                ("message", OpenAPI.type("string", "What is wrong with it (`is required`).")),
            ], required: ["field", "message"])),
            ("Problem", OpenAPI.object([
                ("type", OpenAPI.type("string", "A URI naming the problem type; `about:blank` when the status says it all.")),
                ("title", OpenAPI.type("string", "The status code's reason phrase.")),
                ("status", OpenAPI.type("integer", "The HTTP status code.")),
                ("detail", OpenAPI.type("string", "What went wrong in this occurrence.")),
                ("errors", OpenAPI.array(of: OpenAPI.schemaRef("FieldError"), "One entry per invalid field (400, 422).")),
            ], required: ["type", "title", "status"], additionalProperties: true,
               description: "RFC 9457 problem details, served as `application/problem+json`.")),
        ]
    }

    static var parameters: [(String, JSONValue)] {
        [
            ("limit", OpenAPI.parameter("limit", "Items per page, 1–100 (default 20); other values are a 400.",
                                        schema: ["type": "integer", "minimum": 1, "maximum": 100, "default": 20])),
            ("cursor", OpenAPI.parameter("cursor", "The opaque `next_cursor` of the previous page; a bad or foreign cursor is a 400.",
                                         schema: OpenAPI.type("string"))),
            ("include_total", OpenAPI.parameter("include_total", "`true` adds an `X-Total-Count` header (counted only when asked).",
                                                schema: ["type": "boolean", "default": false])),
            ("ref", OpenAPI.parameter("ref", in: "path", "The resource's integer id or its slug (`42` or `roberto-released`).",
                                      schema: OpenAPI.type("string"))),
        ]
    }

    static var headers: [(String, JSONValue)] {
        [
            ("ETag", header("Strong validator of the representation; send it back in `If-None-Match` for a 304.")),
            ("Link", header("`<…>; rel=\"next\"`: the next page, when there is one.")),
            ("X-Total-Count", header("Items matching the filters, over all pages (only with `include_total=true`).", type: "integer")),
            ("X-Request-Id", header("The request's id (the client's own, if sane, else generated); it is in the access log.")),
            ("Retry-After", header("Seconds to wait before trying again.", type: "integer")),
            ("Location", header("The URL of the created resource.")),
        ]
    }

    static var responses: [(String, JSONValue)] {
        [
            ("NotModified", ["description": "The representation matches `If-None-Match`; no body."]),
            ("BadRequest", problem("Malformed JSON, query parameter or cursor; `errors` names the parameter.")),
            ("Unauthorized", problem("Missing or bad token (with `WWW-Authenticate: Bearer`).")),
            ("Forbidden", problem("The token may not do this.")),
            ("NotFound", problem("No such resource (drafts and scheduled posts are not found without a token).")),
            ("Conflict", problem("Conflicts with the current state (slug taken, case not active, case has actions).")),
            ("UnsupportedMediaType", problem("The body is not `application/json`.")),
            ("UnprocessableContent", problem("Validation failed; `errors` has one entry per field.")),
            ("TooManyRequests", problem("Rate limit reached; see `Retry-After`.", headers: ["Retry-After"])),
            ("ServiceUnavailable", problem("Storage is unavailable; try again shortly.", headers: ["Retry-After"])),
        ]
    }

    static var securitySchemes: JSONValue {
        ["bearer": ["type": "http", "scheme": "bearer",
                    "description": "An admin token from `goodnews token create NAME`; only its SHA-256 is stored."]]
    }

    private static func header(_ description: String, type: String = "string") -> JSONValue {
        ["description": .string(description), "schema": ["type": .string(type)]]
    }

    private static func problem(_ description: String, headers: [String] = []) -> JSONValue {
        OpenAPI.response(description, contentType: "application/problem+json",
                         schema: OpenAPI.schemaRef("Problem"), headers: headers)
    }
}
