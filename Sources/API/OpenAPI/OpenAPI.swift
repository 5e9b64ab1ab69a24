import GoodNews
import JSON

/// Small builders for OpenAPI 3.1 objects, so features describe their routes in a few readable lines
/// (and big nested literals do not slow the type checker down). References point into the shared
/// components of `OpenAPIComponents`: schemas `Problem`, `FieldError`; parameters `limit`, `cursor`,
/// `include_total`, `ref`; headers `ETag`, `Link`, `X-Total-Count`, `X-Request-Id`, `Retry-After`,
/// `Location`; responses `NotModified`, `BadRequest`, `Unauthorized`, `Forbidden`, `NotFound`, `Conflict`,
/// `UnsupportedMediaType`, `UnprocessableContent`, `TooManyRequests`, `ServiceUnavailable`.
enum OpenAPI {
    static func schemaRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func parameterRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/parameters/\(name)")] }
    static func responseRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }
    static func headerRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/headers/\(name)")] }

    /// `{"type": type}` plus a description, and `null` allowed when `nullable`.
    static func type(_ type: String, _ description: String? = nil, nullable: Bool = false) -> JSONValue {
        var schema: JSONObject = ["type": nullable ? [.string(type), "null"] : .string(type)]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// An object schema; `required` lists the property names every instance has.
    static func object(_ properties: [(String, JSONValue)], required: [String] = [],
                       additionalProperties: Bool = false, description: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "object"]
        if let description { schema["description"] = .string(description) }
        schema["properties"] = .object(JSONObject(properties.map { (key: $0.0, value: $0.1) }))
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        if !additionalProperties { schema["additionalProperties"] = false }
        return .object(schema)
    }

    static func array(of items: JSONValue, _ description: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "array", "items": items]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func enumeration(_ values: [String], _ description: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "string", "enum": .array(values.map { .string($0) })]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// `{"type": "string", "format": "date-time"}`: RFC 3339 in UTC with `Z` on output.
    static func dateTime(_ description: String? = nil, nullable: Bool = false) -> JSONValue {
        guard case .object(var schema) = type("string", description, nullable: nullable) else { return [:] }
        schema["format"] = "date-time"
        return .object(schema)
    }

    /// A query (or path) parameter.
    static func parameter(_ name: String, in location: String = "query", _ description: String,
                          schema: JSONValue, required: Bool = false) -> JSONValue {
        [
            "name": .string(name), "in": .string(location), "description": .string(description),
            "required": .bool(required || location == "path"), "schema": schema,
        ]
    }

    /// A response with a body of `contentType` and the named shared headers.
    static func response(_ description: String, contentType: String = "application/json",
                         schema: JSONValue, headers: [String] = ["ETag"]) -> JSONValue {
        var response: JSONObject = ["description": .string(description)]
        if !headers.isEmpty {
            response["headers"] = .object(JSONObject(headers.map { (key: $0, value: headerRef($0)) }))
        }
        response["content"] = [contentType: ["schema": schema]]
        return .object(response)
    }

    /// An operation. `security`: `.none` (public), `.required` (bearer), `.optional` (more with a token).
    static func operation(_ id: String, tag: String, summary: String, description: String? = nil,
                          parameters: [JSONValue] = [], requestBody: JSONValue? = nil,
                          responses: [(String, JSONValue)], security: Security = .none) -> JSONValue {
        var operation: JSONObject = ["operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary)]
        if let description { operation["description"] = .string(description) }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let requestBody { operation["requestBody"] = requestBody }
        operation["responses"] = .object(JSONObject(responses.map { (key: $0.0, value: $0.1) }))
        switch security {
        case .none: break
        case .required: operation["security"] = [["bearer": []]]
        case .optional: operation["security"] = [[:], ["bearer": []]]
        }
        return .object(operation)
    }

    enum Security { case none, required, optional }
}
