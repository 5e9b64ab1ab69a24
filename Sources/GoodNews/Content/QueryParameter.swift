import JSON

/// One query or path parameter, declared once: its rule reads the request's value and makes its JSON Schema,
/// so what `/openapi.json` allows is what the server accepts. A value the rule refuses is a 400 naming the
/// parameter (`must be …`).
///
/// Every list reads its query alike: absent means the default; unknown parameters are ignored; a repeated
/// one uses its first value.
public struct QueryParameter: Sendable {
    public enum Location: String, Sendable { case query, path }

    public enum Rule: Sendable {
        /// Text compared with a stored field of at most `maxLength` code points (as sent, so the cache keys
        /// it makes are bounded too), no control character; trimmed; blank means absent. `noun`: what none
        /// of is longer (`tag`).
        case filter(maxLength: Int, noun: String)
        /// A whole number in `range`, ASCII digits only (no sign, no fraction); `fallback` when absent.
        case integer(ClosedRange<Int>, fallback: Int)
        /// `true` or `false`; false when absent.
        case flag
        /// One of `values`, exactly.
        case choice([String])
        /// RFC 3339 with any offset (years 0001–9999), or a date `YYYY-MM-DD`.
        case time
        /// An id (all digits) or a slug: how every `{ref}` and `case` names a post or a case.
        case reference
        /// A value the route reads itself (a cursor, search words): `schema` says what it accepts.
        case custom(JSONValue)
    }

    public let name: String
    public let location: Location
    public let required: Bool
    public let description: String
    public let rule: Rule

    public init(_ name: String, in location: Location = .query, required: Bool = false, _ rule: Rule,
                _ description: String) {
        self.name = name
        self.location = location
        self.required = required || location == .path
        self.rule = rule
        self.description = description
    }

    /// No C0 control and no DEL (`FieldRules.controlIssue(_, .short)`), as a JSON Schema pattern.
    public static let noControlsPattern = "^[^\\u0000-\\u001F\\u007F]*$"

    /// What `.reference` accepts: an id (digits that fit an Int64) or a well-formed slug.
    public static let referencePattern = "^([0-9]{1,18}|[a-z0-9]+(-[a-z0-9]+)*)$"

    /// The JSON Schema of the value.
    public var schema: JSONValue {
        switch rule {
        case .filter(let maxLength, _):
            return ["type": "string", "maxLength": .int(Int64(maxLength)), "pattern": .string(Self.noControlsPattern)]
        case .integer(let range, let fallback):
            return ["type": "integer", "minimum": .int(Int64(range.lowerBound)),
                    "maximum": .int(Int64(range.upperBound)), "default": .int(Int64(fallback))]
        case .flag:
            return ["type": "boolean", "default": false]
        case .choice(let values):
            return ["type": "string", "enum": .array(values.map { .string($0) })]
        case .time:
            return ["type": "string", "anyOf": [["format": "date-time"], ["format": "date"]]]
        case .reference:
            return ["type": "string", "maxLength": .int(Int64(Slug.maxLength)),
                    "pattern": .string(Self.referencePattern)]
        case .custom(let schema):
            return schema
        }
    }

    /// The OpenAPI parameter object.
    public var openAPI: JSONValue {
        ["name": .string(name), "in": .string(location.rawValue), "required": .bool(required),
         "description": .string(description), "schema": schema]
    }

    // MARK: - Reading a request's value

    /// The first value of this parameter in `items`, or nil.
    public func raw(_ items: [(name: String, value: String)]) -> String? {
        for item in items where item.name == name { return item.value }
        return nil
    }

    /// A 400 naming this parameter: `limit must be …`.
    public func refusal(_ message: String) -> ServiceError { .badParameter(name, message) }

    /// A `.filter` value, trimmed; nil when absent or blank.
    public func filter(_ items: [(name: String, value: String)]) throws(ServiceError) -> String? {
        guard let value = raw(items) else { return nil }
        if let message = FieldRules.controlIssue(value, .short) { throw refusal(message) }
        if case .filter(let maxLength, let noun) = rule, FieldRules.length(value) > maxLength {
            throw refusal("must be at most \(maxLength) characters (no \(noun) is longer)")
        }
        let trimmed = FieldRules.trimmed(value)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An `.integer` value, or its fallback when absent.
    public func integer(_ items: [(name: String, value: String)]) throws(ServiceError) -> Int {
        guard case .integer(let range, let fallback) = rule else { preconditionFailure("\(name) is not an integer") }
        guard let text = raw(items) else { return fallback }
        guard let value = ListParameters.decimal(text), range.contains(value) else {
            throw refusal("must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A `.flag` value: `true` or `false`, false when absent.
    public func flag(_ items: [(name: String, value: String)]) throws(ServiceError) -> Bool {
        switch raw(items) {
        case nil, "false"?: return false
        case "true"?: return true
        default: throw refusal("must be true or false")
        }
    }

    /// A `.choice` value as `T` (whose raw values are the choices), nil when absent.
    public func choice<T: RawRepresentable>(_ items: [(name: String, value: String)],
                                           as type: T.Type) throws(ServiceError) -> T? where T.RawValue == String {
        guard let text = raw(items) else { return nil }
        guard case .choice(let values) = rule, values.contains(text), let value = T(rawValue: text) else {
            guard case .choice(let values) = rule else { preconditionFailure("\(name) is not a choice") }
            throw refusal("must be one of: " + values.joined(separator: ", "))
        }
        return value
    }

    /// A `.time` value as unix seconds, and whether it was a bare date; nil when absent.
    public func time(_ items: [(name: String, value: String)]) throws(ServiceError) -> (seconds: Int64, isDate: Bool)? {
        guard let text = raw(items) else { return nil }
        guard let time = Timestamp(rfc3339: text, allowDate: true) else {
            throw refusal("must be an RFC 3339 time (2020-09-04T00:00:00Z) or a date (2020-09-04)")
        }
        return (time.seconds, text.utf8.count == 10)
    }

    /// A `.reference` value; nil when absent.
    public func reference(_ items: [(name: String, value: String)]) throws(ServiceError) -> ContentRef? {
        guard let text = raw(items) else { return nil }
        // At most 18 digits, as `referencePattern` says (and `ListParameters.decimal` reads).
        guard text.utf8.count <= 18 || !text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
              let reference = ContentRef(checking: text) else { throw refusal("must be a case id or slug") }
        return reference
    }
}
