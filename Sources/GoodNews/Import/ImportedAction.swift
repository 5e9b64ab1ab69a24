import JSON

/// An action (a bulk supporter count) as read from an import file:
/// `{"case": slug, "kind", "count"?, "country"?, "source"?, "created_at"?}`.
public struct ImportedAction: Sendable {
    static let kinds = ["letter", "email", "petition", "social", "call", "event", "other"]

    public var caseSlug: String
    public var kind: String
    public var count: Int64
    public var country: String?
    public var source: String?
    public var createdAt: Int64?

    init(_ reader: JSONFieldReader) throws(JSONFieldError) {
        if let unknown = reader.unknownKeys(allowed: ["case", "kind", "count", "country", "source", "created_at"],
                                            ignored: ["id"]).first {
            throw JSONFieldError(field: unknown, message: "is not a known field")
        }
        guard let slug = try reader.string("case", required: true), Slug.isValid(slug) else {
            throw reader.error("case", "must be a case slug")
        }
        caseSlug = slug
        let kind = try reader.string("kind", required: true) ?? ""
        guard ImportedAction.kinds.contains(kind) else {
            throw reader.error("kind", "must be one of " + ImportedAction.kinds.joined(separator: ", "))
        }
        self.kind = kind
        count = try reader.int64("count") ?? 1
        guard (1...10_000_000).contains(count) else { throw reader.error("count", "must be from 1 to 10000000") }
        if let text = try reader.string("country") {
            let bytes = Array(text.utf8)
            guard bytes.count == 2, bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }) else {
                throw reader.error("country", "must be an ISO 3166-1 alpha-2 code such as CA")
            }
            country = text.uppercased()
        }
        if let raw = try reader.string("source"), let message = FieldRules.controlIssue(raw, .short) {
            throw reader.error("source", message)
        }
        if let text = try reader.string("source").map(FieldRules.trimmed), !text.isEmpty {
            guard FieldRules.length(text) <= 200 else { throw reader.error("source", "must be at most 200 characters") }
            source = text
        }
        createdAt = try ImportDocument.time(reader, "created_at")?.seconds
    }
}
