import JSON

/// A keyset position in a list: the sort key of the last row of a page, as an opaque token.
///
/// The token is base64url of `<kind>:<at>:<id>:<check>`, where `kind` names the list and its version
/// (`p1` posts, `c1` cases), `at` is the row's `published_at`/`created_at` (`-` for an undated draft) and
/// `check` is a 32-bit FNV-1a hash of the rest. The hash is not a secret: it catches edited or truncated
/// tokens and cursors of another list (a 400), while a forged cursor can only name a position, which the
/// list clamps to what the caller may see anyway.
public struct ListCursor: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case posts = "p1"
        case cases = "c1"
    }

    public let kind: Kind
    /// nil only for the undated drafts at the end of an admin post list.
    public let at: Int64?
    public let id: Int64

    public init(kind: Kind, at: Int64?, id: Int64) {
        self.kind = kind
        self.at = at
        self.id = id
    }

    /// Tokens longer than this are refused before decoding.
    static let maxTokenLength = 96

    /// What a schema can say of a token: base64url, bounded. Only the list that made it can tell a real one.
    public static let schema: JSONValue = ["type": "string", "minLength": 1, "maxLength": .int(Int64(maxTokenLength)),
                                           "pattern": "^[A-Za-z0-9_-]+$"]

    public var token: String {
        let payload = kind.rawValue + ":" + (at.map(String.init) ?? "-") + ":" + String(id)
        return Base64URL.encode(Array((payload + ":" + ListCursor.check(payload)).utf8))
    }

    /// Decodes a token of this kind of list; nil for anything malformed, tampered with or foreign.
    public init?(token: String, kind: Kind) {
        guard token.utf8.count <= ListCursor.maxTokenLength, let bytes = Base64URL.decode(token) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 4, parts[0] == kind.rawValue,
              parts[3] == ListCursor.check(parts[0] + ":" + parts[1] + ":" + parts[2]),
              let id = ListCursor.integer(parts[2]) else { return nil }
        if parts[1] == "-" {
            guard kind == .posts else { return nil }
            at = nil
        } else {
            guard let value = ListCursor.integer(parts[1]) else { return nil }
            at = value
        }
        self.kind = kind
        self.id = id
    }

    /// Strict decimal: an optional `-` and digits, as `String(Int64)` writes them.
    private static func integer(_ text: String) -> Int64? {
        guard let value = Int64(text), String(value) == text else { return nil }
        return value
    }

    private static func check(_ payload: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in payload.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.utf8.count) + hex
    }
}
