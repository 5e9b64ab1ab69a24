import GoodNews
import JSON

/// Building blocks for the OpenAPI entries of the action, tally and stream routes.
enum TallyOpenAPI {
    /// A `$ref` to a component schema.
    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// A JSON answer of `schema`.
    static func json(_ description: String, _ schema: JSONValue, headers: JSONValue? = nil) -> JSONValue {
        var response: JSONObject = [
            "description": .string(description),
            "content": ["application/json": ["schema": schema]],
        ]
        if let headers { response["headers"] = headers }
        return .object(response)
    }

    /// A problem+json answer.
    static func problem(_ description: String, headers: JSONValue? = nil) -> JSONValue {
        var response: JSONObject = [
            "description": .string(description),
            "content": ["application/problem+json": ["schema": ref("Problem")]],
        ]
        if let headers { response["headers"] = headers }
        return .object(response)
    }

    static func header(_ description: String, type: String = "string") -> JSONValue {
        ["description": .string(description), "schema": ["type": .string(type)]]
    }

    /// A path or query parameter.
    static func parameter(_ name: String, in location: String, _ description: String,
                          schema: JSONValue = ["type": "string"], required: Bool = false) -> JSONValue {
        ["name": .string(name), "in": .string(location), "description": .string(description),
         "required": .bool(required || location == "path"), "schema": schema]
    }

    static let caseReference = QueryParameter("ref", in: .path, .reference, "The case's id or slug.").openAPI

    static let storageUnavailable = problem("Storage is unavailable; retry later.",
                                            headers: ["Retry-After": header("Seconds to wait.", type: "integer")])

    /// `{"kind": total, …}`-style objects.
    static let counts: JSONValue = [
        "type": "object", "additionalProperties": ["type": "integer", "minimum": 0],
    ]

    static let kindEnum: JSONValue = .array(ActionKind.allCases.map { .string($0.rawValue) })
}
