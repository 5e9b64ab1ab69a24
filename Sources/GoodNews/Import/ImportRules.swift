import JSON

/// Field checks shared by the import records. Lengths count characters (Unicode scalars), as SQLite's
/// `length()` in the schema's CHECKs does, so nothing that passes here is refused by the database.
enum ImportRules {
    /// Years 0001–9999, the range the schema accepts for `published_at` (every value prints as RFC 3339).
    static let timeRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    static func rejectUnknown(_ reader: JSONFieldReader, allowed: Set<String>, ignored: Set<String> = []) throws(JSONFieldError) {
        if let unknown = reader.unknownKeys(allowed: allowed, ignored: ignored).first {
            throw JSONFieldError(field: unknown, message: "is not a known field")
        }
    }

    /// Text up to `max` characters; absent or null is "" unless `required` (then also non-blank).
    static func text(_ reader: JSONFieldReader, _ key: String, required: Bool = false, max: Int) throws(JSONFieldError) -> String {
        let value = try reader.string(key, required: required) ?? ""
        if required && value.allSatisfy(\.isWhitespace) { throw reader.error(key, "is required") }
        if value.unicodeScalars.count > max { throw reader.error(key, "must be at most \(max) characters") }
        return value
    }

    /// Trimmed text up to `max` characters, nil when absent, null or blank.
    static func optionalText(_ reader: JSONFieldReader, _ key: String, max: Int) throws(JSONFieldError) -> String? {
        guard let value = try reader.string(key)?.trimming(" \t\r\n"), !value.isEmpty else { return nil }
        if value.unicodeScalars.count > max { throw reader.error(key, "must be at most \(max) characters") }
        return value
    }

    static func oneOf(_ reader: JSONFieldReader, _ key: String, _ allowed: [String]) throws(JSONFieldError) -> String? {
        guard let value = try reader.string(key) else { return nil }
        guard allowed.contains(value) else { throw reader.error(key, "must be one of " + allowed.joined(separator: ", ")) }
        return value
    }

    /// A given slug must be valid; nil when absent (one is derived).
    static func slug(_ reader: JSONFieldReader) throws(JSONFieldError) -> String? {
        guard let slug = try reader.string("slug") else { return nil }
        guard Slug.isValid(slug) else {
            throw reader.error("slug", "must be 1–120 of a-z, 0-9 and single inner hyphens, not all digits")
        }
        return slug
    }

    /// Two ASCII letters, stored upper case.
    static func country(_ reader: JSONFieldReader, _ key: String, required: Bool) throws(JSONFieldError) -> String? {
        guard let value = try reader.string(key, required: required) else { return nil }
        let bytes = Array(value.utf8)
        guard bytes.count == 2, bytes.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) else {
            throw reader.error(key, "must be an ISO 3166-1 alpha-2 code such as CA")
        }
        return value.uppercased()
    }

    static func time(_ reader: JSONFieldReader, _ key: String) throws(JSONFieldError) -> Int64? {
        guard let text = try reader.string(key) else { return nil }
        guard let time = Timestamp(rfc3339: text), timeRange.contains(time.seconds) else {
            throw reader.error(key, "must be an RFC 3339 time such as 2020-09-04T00:00:00Z")
        }
        return time.seconds
    }

    /// Up to 20 tags of 1–50 characters, trimmed and lower-cased, repeats dropped, order kept.
    static func tags(_ reader: JSONFieldReader) throws(JSONFieldError) -> [String] {
        guard let raw = try reader.stringArray("tags") else { return [] }
        var tags: [String] = []
        for (index, tag) in raw.enumerated() {
            let normalized = tag.trimming(" \t\r\n").lowercased()
            guard !normalized.isEmpty, normalized.unicodeScalars.count <= 50 else {
                throw JSONFieldError(field: reader.path("tags") + "[\(index)]", message: "must be 1–50 characters")
            }
            if !tags.contains(normalized) { tags.append(normalized) }
        }
        guard tags.count <= 20 else { throw reader.error("tags", "must have at most 20 tags") }
        return tags
    }
}
