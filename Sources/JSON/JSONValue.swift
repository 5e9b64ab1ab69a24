/// A JSON document or fragment.
///
/// Integral literals that fit `Int64` parse as `.int`; every other number is a `.double`
/// (so `-0` and `1.0` are doubles). Equality is structural: `.int(1) != .double(1)`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an int or a double with an integral value in `Int64`'s range.
    public var int64Value: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value):
            // Range check and truncation by hand: `Int64(exactly:)` needs libm, which this module does not link.
            guard value >= -0x1p63 && value < 0x1p63 else { return nil }
            let truncated = Int64(value)
            return Double(truncated) == value ? truncated : nil
        default: return nil
        }
    }

    /// The number as a `Double`, if this is an int or a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, if this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}
