/// Query parameters every list shares (`limit`, `cursor`, `include_total`, `q`), read strictly: a value
/// that cannot be understood is a 400 naming the parameter, never a silent default.
public enum ListParameters {
    public static let defaultLimit = 20
    public static let maxLimit = 100

    /// `limit`: 1 to 100, 20 when absent.
    public static func limit(_ text: String?) throws(ServiceError) -> Int {
        guard let text else { return defaultLimit }
        guard let value = decimal(text), (1...maxLimit).contains(value) else {
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

    /// `q` as an FTS5 query, through `SearchQuery` (the caps and the quoting of `/v1/search`): each word
    /// double-quoted, so the text is always words to find, never query syntax (`roberto-quinones` is a
    /// phrase, not a column filter); the words are ANDed. nil when `q` is absent or blank (no filter); a `q`
    /// with no word that can be indexed matches nothing. 400 beyond the caps.
    public static func searchExpression(_ q: String?) throws(ServiceError) -> String? {
        guard let q else { return nil }
        do {
            return try SearchQuery(q).matchExpression ?? #""""#
        } catch .empty {
            return nil
        } catch {
            throw ServiceError.badRequest("q \(error.message)")
        }
    }

    /// A filter's text value (`tag`, `campaign`, `case`): 400 when it holds a control character or is longer
    /// than any stored value can be (it would match nothing, and only bloat cache keys); trimmed; nil when
    /// absent or blank. `max` is the compared field's own bound, so the cache keys these make are bounded too.
    public static func filter(_ name: String, _ value: String?, max: Int, noun: String) throws(ServiceError) -> String? {
        guard let value else { return nil }
        if let message = FieldRules.controlIssue(value, .short) { throw ServiceError.badRequest("\(name) \(message)") }
        let trimmed = FieldRules.trimmed(value)
        guard FieldRules.length(trimmed) <= max else {
            throw ServiceError.badRequest("\(name) must be at most \(max) characters (no \(noun) is longer)")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A whole number as a query value: ASCII digits only (no sign, `+`, space, fraction or exponent), at
    /// most 18 of them, so reading it can never overflow; nil for anything else.
    public static func decimal(_ text: String) -> Int? {
        let digits = text.utf8
        guard (1...18).contains(digits.count) else { return nil }
        var value = 0
        for digit in digits {
            guard digit &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(digit &- UInt8(ascii: "0"))
        }
        return value
    }
}
