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

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .slug(let slug): slug
        }
    }
}
