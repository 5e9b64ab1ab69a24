/// How a path names a post or case: all digits is an id, anything else a slug (slugs are never all digits).
public enum ContentRef: Sendable, Hashable, CustomStringConvertible {
    case id(Int64)
    case slug(String)

    /// Reads a path segment. An all-digit segment too large for an id is kept as a slug, which matches nothing.
    public init(_ text: String) {
        let isDigits = !text.isEmpty && text.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        if isDigits, let id = Int64(text) {
            self = .id(id)
        } else {
            self = .slug(text)
        }
    }

    /// Reads a reference that must be well-formed: an id (digits that fit an Int64) or a valid slug; nil
    /// otherwise. Where a malformed one is refused (the `case` of tallies and streams, action paths) rather
    /// than looked up and not found.
    public init?(checking text: String) {
        let isDigits = !text.isEmpty && text.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        if isDigits {
            guard let id = Int64(text) else { return nil }
            self = .id(id)
        } else if Slug.isValid(text) {
            self = .slug(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .slug(let slug): slug
        }
    }
}
