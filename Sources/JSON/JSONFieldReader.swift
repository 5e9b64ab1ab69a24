/// Reads the fields of a decoded request body with errors that name the field.
///
/// Typed getters return nil for an absent member, and for `null` unless `required`; a present
/// member of the wrong type is always an error. Where absent and `null` mean different things
/// (PATCH: keep versus clear), switch on `field(_:)` first, then use the typed getter.
public struct JSONFieldReader: Sendable {
    /// A member as PATCH semantics see it.
    public enum Field: Sendable, Equatable {
        case absent
        case null
        case value(JSONValue)
    }

    /// The object being read.
    public let object: JSONObject
    /// Path of `object` from the body's root, "" for the root itself.
    public let path: String

    /// A reader over `object`, found at `path` within the body ("" for the body itself).
    public init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    /// The path of the member `key`: `key` at the root, `image.url` below it.
    public func path(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// An error about the member `key`, for validation done by the caller.
    public func error(_ key: String, _ message: String) -> JSONFieldError {
        JSONFieldError(field: path(key), message: message)
    }

    /// Whether `key` is absent, `null`, or has a value.
    public func field(_ key: String) -> Field {
        switch object[key] {
        case nil: .absent
        case .null?: .null
        case let value?: .value(value)
        }
    }

    /// A string member; "must be a string" otherwise.
    public func string(_ key: String, required: Bool = false) throws(JSONFieldError) -> String? {
        try read(key, required: required, "must be a string") { $0.stringValue }
    }

    /// An integer member (an integral number such as `3.0` is accepted); "must be an integer" otherwise.
    public func int64(_ key: String, required: Bool = false) throws(JSONFieldError) -> Int64? {
        try read(key, required: required, "must be an integer") { $0.int64Value }
    }

    /// A number member; "must be a number" otherwise.
    public func double(_ key: String, required: Bool = false) throws(JSONFieldError) -> Double? {
        try read(key, required: required, "must be a number") { $0.doubleValue }
    }

    /// A Boolean member; "must be a boolean" otherwise.
    public func bool(_ key: String, required: Bool = false) throws(JSONFieldError) -> Bool? {
        try read(key, required: required, "must be a boolean") { $0.boolValue }
    }

    /// An array of strings; "must be an array" otherwise, or `key[i]` "must be a string" for a bad element.
    public func stringArray(_ key: String, required: Bool = false) throws(JSONFieldError) -> [String]? {
        guard let elements = try read(key, required: required, "must be an array", { $0.arrayValue }) else {
            return nil
        }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let string = element.stringValue else {
                throw JSONFieldError(field: "\(path(key))[\(index)]", message: "must be a string")
            }
            strings.append(string)
        }
        return strings
    }

    /// A nested object, as a reader whose errors carry its path; "must be an object" otherwise.
    public func object(_ key: String, required: Bool = false) throws(JSONFieldError) -> JSONFieldReader? {
        try read(key, required: required, "must be an object") { $0.objectValue }
            .map { JSONFieldReader($0, path: path(key)) }
    }

    /// Paths of the members whose keys are in neither set, in body order.
    public func unknownKeys(allowed: Set<String>, ignored: Set<String> = []) -> [String] {
        object.members.compactMap { member in
            allowed.contains(member.key) || ignored.contains(member.key) ? nil : path(member.key)
        }
    }

    private func read<Value>(_ key: String, required: Bool, _ typeMessage: String,
                             _ extract: (JSONValue) -> Value?) throws(JSONFieldError) -> Value? {
        switch field(key) {
        case .absent:
            if required { throw error(key, "is required") }
            return nil
        case .null:
            if required { throw error(key, "must not be null") }
            return nil
        case .value(let value):
            guard let extracted = extract(value) else { throw error(key, typeMessage) }
            return extracted
        }
    }
}
