import GoodNews
import JSON

/// Builders for the OpenAPI entries of the posts and cases routes, so each operation reads as a few lines
/// (and large nested literals do not slow the type checker). Problems reference the shared
/// `#/components/schemas/Problem`; admin operations name the `bearer` security scheme.
enum ContentOpenAPI {
    enum Security { case none, admin, optionalAdmin }

    static func schema(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A schema of `type` (nullable adds `"null"`), a description, and any further keywords.
    static func value(_ type: String, _ description: String, nullable: Bool = false,
                      _ keywords: [(String, JSONValue)] = []) -> JSONValue {
        var object: JSONObject = ["type": nullable ? [.string(type), "null"] : .string(type),
                                  "description": .string(description)]
        for (key, keyword) in keywords { object[key] = keyword }
        return .object(object)
    }

    static func dateTime(_ description: String, nullable: Bool = false) -> JSONValue {
        value("string", description, nullable: nullable, [("format", "date-time")])
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = [], description: String) -> JSONValue {
        var object: JSONObject = ["type": "object", "description": .string(description)]
        object["properties"] = .object(JSONObject(properties.map { (key: $0.0, value: $0.1) }))
        if !required.isEmpty { object["required"] = .array(required.map { .string($0) }) }
        object["additionalProperties"] = false
        return .object(object)
    }

    static func parameter(_ name: String, in location: String = "query", _ description: String,
                          schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": .string(location), "required": .bool(location == "path"),
         "description": .string(description), "schema": schema]
    }

    static func refParameter(_ noun: String) -> JSONValue {
        QueryParameter("ref", in: .path, .reference, "The \(noun)'s integer id (all digits) or its slug.").openAPI
    }

    static func header(_ description: String, type: String = "string") -> JSONValue {
        ["description": .string(description), "schema": ["type": .string(type)]]
    }

    static let etag = header("Strong validator of the body; `If-None-Match` with it gives a 304.")
    static func cacheControl(_ text: String) -> JSONValue { header(text) }

    /// A JSON response.
    static func json(_ description: String, schema: JSONValue, headers: [(String, JSONValue)] = []) -> JSONValue {
        var response: JSONObject = ["description": .string(description)]
        if !headers.isEmpty { response["headers"] = .object(JSONObject(headers.map { (key: $0.0, value: $0.1) })) }
        response["content"] = ["application/json": ["schema": schema]]
        return .object(response)
    }

    static func problem(_ description: String, headers: [(String, JSONValue)] = []) -> JSONValue {
        var response: JSONObject = ["description": .string(description)]
        if !headers.isEmpty { response["headers"] = .object(JSONObject(headers.map { (key: $0.0, value: $0.1) })) }
        response["content"] = ["application/problem+json": ["schema": schema("Problem")]]
        return .object(response)
    }

    static let notModified: JSONValue = ["description": "`If-None-Match` matched the current ETag; no body."]
    static let unauthorized = problem("Missing, malformed or revoked token.",
                                      headers: [("WWW-Authenticate", header("`Bearer realm=\"goodnews\"`"))])
    static let unavailable = problem("Storage is unavailable; try again shortly.",
                                     headers: [("Retry-After", header("Seconds to wait.", type: "integer"))])
    static let unsupportedMediaType = problem("The body is not `application/json`.")
    static let malformedBody = problem("The body is not well-formed JSON, or not a JSON object.")

    static func requestBody(_ schemaName: String, _ description: String) -> JSONValue {
        ["required": true, "description": .string(description),
         "content": ["application/json": ["schema": schema(schemaName)]]]
    }

    static func operation(_ id: String, tag: String, summary: String, description: String,
                          parameters: [JSONValue] = [], body: JSONValue? = nil,
                          responses: [(String, JSONValue)], security: Security = .none) -> JSONValue {
        var operation: JSONObject = ["operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary),
                                     "description": .string(description)]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body { operation["requestBody"] = body }
        operation["responses"] = .object(JSONObject(responses.map { (key: $0.0, value: $0.1) }))
        switch security {
        case .none: break
        case .admin: operation["security"] = [["bearer": []]]
        case .optionalAdmin: operation["security"] = [[:], ["bearer": []]]
        }
        return .object(operation)
    }

    /// The shared field rules, as schema fragments.
    static func tags(_ noun: String, nullable: Bool = false) -> JSONValue {
        value("array", "Up to 20 tags of 1 to 50 characters, trimmed, kept in the order given; a repeated tag is "
              + "kept once (first place). Matched exactly (case-sensitive) by the `tag` filter of \(noun)."
              + (nullable ? " Replaces the list; `null`: []." : ""),
              nullable: nullable, [("items", ["type": "string", "minLength": 1, "maxLength": .int(Int64(FieldRules.maxTagLength)),
                                         "pattern": requiredText]), ("maxItems", .int(Int64(FieldRules.maxTags)))])
    }

    /// A slug as `Slug.isValid` reads it (never all digits: those are ids). On create `null` is the same as
    /// leaving it out; in a PATCH it is a 422.
    static func slug(nullable: Bool) -> JSONValue {
        value("string", "1 to 120 characters `[a-z0-9]+(-[a-z0-9]+)*`, not all digits; unique (taken: 409). "
              + "Left out" + (nullable ? " or null" : "") + " on create: derived from the title/name, ASCII-folded "
              + "(\"Quiñones\" → `quinones`), made unique with `-2`, `-3`…", nullable: nullable,
              [("pattern", "^(?![0-9]+$)[a-z0-9]+(-[a-z0-9]+)*$"), ("minLength", 1), ("maxLength", 120)])
    }
    static let slug = slug(nullable: false)

    /// `FieldRules.controlIssue`'s two kinds as patterns: short text holds no C0 control or DEL; long text
    /// (`summary`, `body`, `description`) may hold tab, line feed and carriage return.
    static let shortText: JSONValue = .string(QueryParameter.noControlsPattern)
    static let longText: JSONValue = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$"
    /// Short text that is not blank once trimmed (`title`, `name`).
    static let requiredText: JSONValue = "^[^\\u0000-\\u001F\\u007F]*[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u001F\\u007F]*$"
    /// The create (`patch` false) or PATCH body of `fields`: each member's schema from its declared rule.
    /// On create, `null` is read as left out, so every optional member also takes null; in a PATCH, `null`
    /// clears the members that can be cleared and is a 422 for the others.
    static func input(_ fields: [BodyField], patch: Bool, noun: String) -> JSONValue {
        let properties = fields.map { field in (field.name, memberSchema(field, patch: patch)) }
        return object(properties, required: patch ? [] : fields.filter(\.required).map(\.name),
                      description: (patch ? "A partial change to a \(noun). " : "A new \(noun). ")
                        + "Any other member is a 422 (`is not a known field`). " + lengthNote)
    }

    private static func memberSchema(_ field: BodyField, patch: Bool) -> JSONValue {
        let nullable = patch ? field.clearable : !field.required
        let required = !patch && field.required ? " Required." : ""
        let description = field.description + required
        switch field.rule {
        case .name(let max):
            return value("string", description, nullable: nullable,
                         [("minLength", 1), ("maxLength", .int(Int64(max))), ("pattern", requiredText)])
        case .text(let max):
            return value("string", description + (patch ? " `null`: \"\"." : ""), nullable: nullable,
                         [("maxLength", .int(Int64(max))), ("pattern", longText)])
        case .optionalText(let max):
            return value("string", description + (patch ? " `null` clears it." : ""), nullable: nullable,
                         [("maxLength", .int(Int64(max))), ("pattern", shortText)])
        case .slug:
            return slug(nullable: nullable)
        case .choice(let values):
            // An enum lists every value the member takes, null included where the type admits it.
            let members: [JSONValue] = values.map { .string($0) } + (nullable ? [.null] : [])
            return value("string", description, nullable: nullable, [("enum", .array(members))])
        case .time:
            return value("string", description + (patch ? " `null` clears it." : ""), nullable: nullable,
                         [("format", "date-time")])
        case .tags:
            return value("array", description + (patch ? " Replaces the list; `null`: []." : ""), nullable: nullable,
                         [("items", ["type": "string", "minLength": 1, "maxLength": .int(Int64(FieldRules.maxTagLength)),
                                     "pattern": requiredText]), ("maxItems", .int(Int64(FieldRules.maxTags)))])
        case .references(let max):
            return value("array", description + (patch ? " Replaces the list; `null`: []." : ""), nullable: nullable,
                         [("items", ["type": "string", "pattern": shortText]), ("maxItems", .int(Int64(max)))])
        case .country:
            return value("string", description, nullable: nullable, [("pattern", .string(CaseService.countryPattern))])
        case .positiveInteger:
            return value("integer", description + (patch ? " `null` clears it." : ""), nullable: nullable,
                         [("minimum", 1)])
        case .object(let name):
            return ["oneOf": [schema(name), ["type": "null"]],
                    "description": .string(description + (patch ? " `null` clears it." : ""))]
        case .readOnly:
            return ["description": "Read-only: accepted and ignored."]
        }
    }

    static let lengthNote = "Lengths count Unicode code points, as SQLite's length() does. No text member may hold "
        + "a control character (U+0000–U+001F, U+007F), except tab, line feed and carriage return in `summary`, "
        + "`body` and `description`: a 422 naming the member (`tags[2]`, `image.caption`)."
}
