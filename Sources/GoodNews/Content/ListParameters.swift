/// Query parameters every list shares (`limit`, `cursor`, `include_total`, `q`), read strictly: a value
/// that cannot be understood is a 400 naming the parameter, never a silent default.
public enum ListParameters {
    public static let defaultLimit = 20
    public static let maxLimit = 100

    /// `limit`: 1 to 100, 20 when absent.
    public static func limit(_ text: String?) throws(ServiceError) -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...maxLimit).contains(value) else {
            throw ServiceError.badRequest("limit must be an integer from 1 to \(maxLimit)")
        }
        return value
    }

    /// `include_total`: `true` or `false` (absent is false).
    public static func flag(_ name: String, _ text: String?) throws(ServiceError) -> Bool {
        switch text {
        case nil, "false"?: return false
        case "true"?: return true
        default: throw ServiceError.badRequest("\(name) must be true or false")
        }
    }

    /// `cursor`: a token from this list's `next_cursor`.
    public static func cursor(_ text: String?, kind: ListCursor.Kind) throws(ServiceError) -> ListCursor? {
        guard let text else { return nil }
        guard let cursor = ListCursor(token: text, kind: kind) else {
            throw ServiceError.badRequest("cursor is not a next_cursor of this list")
        }
        return cursor
    }

    /// `from`/`to`: RFC 3339 with any offset, or a bare `YYYY-MM-DD` (UTC) meaning the start of that day
    /// for `from` and its last second for `to`; both bounds are inclusive.
    public static func time(_ name: String, _ text: String?, endOfDay: Bool) throws(ServiceError) -> Int64? {
        guard let text else { return nil }
        guard let time = Timestamp(rfc3339: text, allowDate: true) else {
            throw ServiceError.badRequest("\(name) must be an RFC 3339 time (2020-09-04T00:00:00Z) or a date (2020-09-04)")
        }
        return endOfDay && text.utf8.count == 10 ? time.seconds + 86_399 : time.seconds
    }

    /// `q` as an FTS5 query: each whitespace-separated word double-quoted (inner quotes doubled), so the
    /// user's text is always words to find, never query syntax (`roberto-quinones` is a phrase, not a
    /// column filter); the words are ANDed. nil when `q` is absent or blank (no filter).
    public static func searchExpression(_ q: String?) -> String? {
        guard let q else { return nil }
        let words = q.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return nil }
        var expression = ""
        for word in words {
            if !expression.isEmpty { expression += " " }
            expression += "\""
            for character in word {
                expression.append(character)
                if character == "\"" { expression += "\"" }
            }
            expression += "\""
        }
        return expression
    }

    /// A filter's text value trimmed of surrounding whitespace; nil when absent or blank.
    public static func text(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = FieldRules.trimmed(value)
        return trimmed.isEmpty ? nil : trimmed
    }
}
