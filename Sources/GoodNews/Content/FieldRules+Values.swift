import JSON

extension FieldRules {
    /// The earliest and latest times that print as RFC 3339 (years 0001 to 9999), as the schema checks.
    static let timeRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// An RFC 3339 time with any offset (fractions of a second dropped), normalised to UTC seconds.
    static func time(_ text: String, field: String, into issues: inout IssueList) -> Timestamp? {
        guard let time = Timestamp(rfc3339: text), timeRange.contains(time.seconds) else {
            issues.add(field, "must be an RFC 3339 time between years 0001 and 9999, such as 2020-09-04T00:00:00Z")
            return nil
        }
        return time
    }

    /// One of `allowed`, spelled exactly.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, field: String,
                                                            into issues: inout IssueList) -> T? where T.RawValue == String {
        if let value = T(rawValue: text) { return value }
        issues.add(field, "must be one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        return nil
    }

    /// An absolute http:// or https:// URL of at most `max` characters, without spaces or control characters.
    static func webURL(_ text: String, field: String, max: Int, into issues: inout IssueList) {
        let rest = text.hasPrefix("https://") ? text.utf8.dropFirst(8) : text.hasPrefix("http://") ? text.utf8.dropFirst(7) : nil
        // The host part (up to the path, query or fragment) is a plain name: no user info and no bracketed
        // IPv6 literal, which pages would put in <img src> and parsers disagree on.
        let host = rest?.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        let valid = host.map { !$0.isEmpty && !$0.contains { Self.notInHost.contains($0) } } == true
            && length(text) <= max
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
        if !valid { issues.add(field, "must be an http:// or https:// URL of at most \(max) characters") }
    }

    static let notInHost: Set<UInt8> = Set("[]\\@".utf8)
    /// `webURL`'s rule as a pattern, for the OpenAPI document.
    public static let webURLPattern = "^https?://[^\\s\\u0000-\\u001F\\u007F/?#\\[\\]\\\\@]+([/?#][^\\s\\u0000-\\u001F\\u007F]*)?$"

    /// A string member that may not be null when present (PATCH of a required field).
    static func presentString(_ reader: JSONFieldReader, _ key: String, into issues: inout IssueList) -> String? {
        if reader.field(key) == .null {
            issues.add(reader.path(key), "must not be null")
            return nil
        }
        return issues.read { try reader.string(key) }
    }
}
