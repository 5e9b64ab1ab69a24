import JSON

/// Checks shared by every body (posts, cases, actions) and every query filter. Lengths count Unicode scalars
/// (code points), which is what SQLite's `length()` counts for text, so a value accepted here never trips a
/// CHECK constraint.
///
/// Control characters, the one rule for every text field (`controlIssue`):
/// - **short text** — titles, names, tags, captions, `campaign`, `outcome`, `source`, country codes, slugs,
///   case references, idempotency keys, query filters: no C0 control (U+0000–U+001F) and no DEL (U+007F);
/// - **long text** — post `summary` and `body`, case `summary` and `description` (Markdown over several
///   lines): tab, LF and CR allowed, every other C0 control and DEL refused.
/// A NUL matters most: SQLite's `length()` stops at it, so "\u0000" would pass a length check and then fail
/// a CHECK constraint (a 500); here it is a 422 naming the field. C1 controls (U+0080–U+009F) are left alone.
public enum FieldRules {
    public static let maxTags = 20
    public static let maxTagLength = 50
    static let slugMessage = "must be 1 to 120 lower-case letters, digits and single hyphens, and not all digits"

    /// Which control characters a text field may hold (see the type's comment).
    public enum TextKind: Sendable { case short, long }

    /// Characters as SQLite counts them.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// The message for a text holding a control character its kind does not allow, nil when it holds none.
    /// Scans UTF-8 bytes: every control is a single byte below 0x80, never part of a longer sequence.
    public static func controlIssue(_ text: String, _ kind: TextKind) -> String? {
        let refused: Bool
        switch kind {
        case .short: refused = text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        case .long:
            refused = text.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
        }
        guard refused else { return nil }
        return kind == .short ? "must not contain control characters (U+0000–U+001F, U+007F)"
            : "must not contain control characters other than tab, line feed and carriage return"
    }

    /// Records the control-character issue of `text`, if any; true when there is none.
    @discardableResult
    static func controls(_ text: String, _ kind: TextKind, field: String, into issues: inout IssueList) -> Bool {
        guard let message = controlIssue(text, kind) else { return true }
        issues.add(field, message)
        return false
    }

    /// Without leading and trailing whitespace (spaces, tabs, line breaks, other Unicode spaces).
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Tags trimmed, each 1 to 50 characters, at most 20; a repeated tag is kept once (first position).
    static func tags(_ given: [String], field: String, into issues: inout IssueList) -> [String] {
        if given.count > maxTags { issues.add(field, "must have at most \(maxTags) tags") }
        var tags: [String] = []
        tags.reserveCapacity(given.count)
        for (index, raw) in given.enumerated() {
            guard controls(raw, .short, field: "\(field)[\(index)]", into: &issues) else { continue }
            let tag = trimmed(raw)
            guard (1...maxTagLength).contains(length(tag)) else {
                issues.add("\(field)[\(index)]", "must be 1 to \(maxTagLength) characters")
                continue
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// A slug given by a client.
    static func slug(_ slug: String, field: String = "slug", into issues: inout IssueList) {
        if !Slug.isValid(slug) { issues.add(field, slugMessage) }
    }

    /// Required short text, trimmed, of 1 to `max` characters.
    static func name(_ text: String, field: String, max: Int, into issues: inout IssueList) -> String {
        guard controls(text, .short, field: field, into: &issues) else { return text }
        let value = trimmed(text)
        if !(1...max).contains(length(value)) { issues.add(field, "must be 1 to \(max) characters") }
        return value
    }

    /// Long text (Markdown) kept as given, at most `max` characters.
    static func text(_ text: String, field: String, max: Int, into issues: inout IssueList) {
        guard controls(text, .long, field: field, into: &issues) else { return }
        if length(text) > max { issues.add(field, "must be at most \(max) characters") }
    }

    /// Optional short text, trimmed; blank becomes nil (the column holds NULL, never '').
    static func optionalText(_ text: String?, field: String, max: Int, into issues: inout IssueList) -> String? {
        guard let text else { return nil }
        guard controls(text, .short, field: field, into: &issues) else { return nil }
        let value = trimmed(text)
        if value.isEmpty { return nil }
        if length(value) > max { issues.add(field, "must be at most \(max) characters") }
        return value
    }
}

/// Field issues gathered while reading a body, so one 422 names every bad field at once.
public struct IssueList: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public var isEmpty: Bool { issues.isEmpty }

    /// Records an issue; a field keeps only its first one (a missing title is "is required", not also too short).
    public mutating func add(_ field: String, _ message: String) {
        guard !issues.contains(where: { $0.field == field }) else { return }
        issues.append(FieldIssue(field: field, message: message))
    }

    /// Runs one typed read of the body; a type error becomes an issue and the value nil.
    /// (Untyped `throws`: closures do not infer typed throws; the readers throw only `JSONFieldError`.)
    mutating func read<T>(_ body: () throws -> T?) -> T? {
        do {
            return try body()
        } catch let error as JSONFieldError {
            add(error.field, error.message)
        } catch {
            add("", "cannot be read")
        }
        return nil
    }

    /// Members that are neither accepted nor read-only: each "is not a known field".
    mutating func unknownFields(of reader: JSONFieldReader, allowed: Set<String>, ignored: Set<String> = []) {
        for field in reader.unknownKeys(allowed: allowed, ignored: ignored) { add(field, "is not a known field") }
    }

    /// `value` once `check` has checked and normalised it, or a 422 with every issue found.
    static func checked<T>(_ value: T, by check: (inout T, inout IssueList) -> Void) throws(ServiceError) -> T {
        var value = value
        var issues = IssueList()
        check(&value, &issues)
        try issues.throwIfAny()
        return value
    }

    /// A 422 carrying every issue, when there is any.
    public func throwIfAny() throws(ServiceError) {
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
    }
}
