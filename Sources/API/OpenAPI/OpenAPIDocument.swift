import GoodNews
import JSON

/// The OpenAPI 3.1 description of the whole API, assembled from every feature's own entries plus the
/// shared components, so a route and its description live side by side and cannot drift apart unseen
/// (OpenAPITests compares the document's paths with the router's routes).
struct OpenAPIDocument: Sendable {
    let value: JSONValue

    init(features: [any Feature]) {
        var paths = JSONObject()
        var schemas = JSONObject()
        for (name, schema) in OpenAPIComponents.schemas { schemas[name] = schema }
        for feature in features {
            for entry in feature.openAPIPaths {
                var item = paths[entry.path]?.objectValue ?? JSONObject()
                item[entry.method] = entry.operation
                paths[entry.path] = .object(item)
            }
            for (name, schema) in feature.openAPISchemas where !schemas.contains(name) {
                schemas.append(name, schema)
            }
        }
        var components = JSONObject()
        components["schemas"] = .object(schemas)
        components["parameters"] = OpenAPIDocument.object(OpenAPIComponents.parameters)
        components["headers"] = OpenAPIDocument.object(OpenAPIComponents.headers)
        components["responses"] = OpenAPIDocument.object(OpenAPIComponents.responses)
        components["securitySchemes"] = OpenAPIComponents.securitySchemes

        var document = JSONObject()
        document["openapi"] = "3.1.0"
        document["info"] = OpenAPIDocument.info
        document["servers"] = [["url": "/"]]
        document["paths"] = .object(paths)
        document["components"] = .object(components)
        value = .object(document)
    }

    /// The document as compact JSON.
    var bytes: [UInt8] { value.serialized() }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
    }

    private static var info: JSONValue {
        [
            "title": "Good News API",
            "version": "1.0.0",
            "summary": "Posts, cases and supporters' action tallies of a human-rights organisation's Good News site.",
            "description": .string(conventions),
        ]
    }

    private static let conventions = """
        JSON in UTF-8 with snake_case names; times are RFC 3339 in UTC (`2020-09-04T00:00:00Z`), inputs may \
        carry any offset. Resources are named by integer id or slug. Lists answer `{"data": [...], \
        "next_cursor": ...}` with keyset paging and a `Link: rel="next"` header. Errors are RFC 9457 \
        `application/problem+json`. Every GET of JSON has a strong `ETag` (`If-None-Match` gives 304); \
        HEAD works wherever GET does and OPTIONS everywhere (CORS preflight included); `Accept-Encoding: gzip` \
        compresses large answers. Writes to posts and cases, drafts and bulk actions need \
        `Authorization: Bearer <token>`.
        """
}
