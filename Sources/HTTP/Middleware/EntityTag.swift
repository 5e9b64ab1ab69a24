/// Entity tags (RFC 9110 §8.8.3) and the `If-None-Match` test (§13.1.2, weak comparison).
public enum EntityTag {
    /// A strong tag from a 64-bit FNV-1a hash of `body`: `"cbf29ce484222325"`.
    public static func strong(for body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeBufferPointer { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.utf8.count) + hex + "\""
    }

    /// Whether an `If-None-Match` value matches `current`: `*`, or any listed tag equal under weak comparison.
    /// A `-gzip` suffix (the compressed variant's tag) is ignored on both sides: the variants share content.
    public static func noneMatchHits(_ header: String, current: String) -> Bool {
        let trimmed = header.utf8.drop { $0 == 0x20 || $0 == 0x09 }
        if trimmed.first == UInt8(ascii: "*") { return true }
        let wanted = opaque(current)
        return tags(in: header).contains { opaque($0) == wanted }
    }

    /// The `"…"` parts of a comma-separated entity-tag list (commas may appear inside the quotes).
    static func tags(in list: String) -> [Substring] {
        var found: [Substring] = []
        var index = list.startIndex
        while let open = list[index...].firstIndex(of: "\"") {
            let afterOpen = list.index(after: open)
            guard let close = list[afterOpen...].firstIndex(of: "\"") else { break }
            found.append(list[open...close])
            index = list.index(after: close)
        }
        return found
    }

    /// The quoted tag without `W/` (weak comparison) and without a trailing `-gzip` variant marker.
    static func opaque<S: StringProtocol>(_ tag: S) -> Substring {
        var tag = Substring(tag)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.hasSuffix("-gzip\"") { tag = tag.dropLast(6) + "\"" }
        return tag
    }

    /// The tag of the gzip-encoded variant: `"x"` → `"x-gzip"`, `W/"x"` → `W/"x-gzip"`.
    static func gzipVariant(of tag: String) -> String {
        guard tag.hasSuffix("\""), !tag.hasSuffix("-gzip\"") else { return tag }
        return String(tag.dropLast()) + "-gzip\""
    }
}
