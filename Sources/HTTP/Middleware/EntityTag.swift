/// Entity tags (RFC 9110 §8.8.3) and the `If-None-Match` test (§13.1.2, weak comparison).
public enum EntityTag {
    /// A strong tag from a 64-bit hash of `body`: `"0123456789abcdef"`. It runs once per answer made
    /// (a 5 KB post: 1 µs), so it takes eight bytes a step (FNV-1a's multiply, then a rotation so every
    /// byte reaches the low bits) where byte-wise FNV-1a took six. A tag only has to change when the
    /// body does; this is no defence against someone crafting collisions, and needs to be none.
    public static func strong(for body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(body.count)
        let prime: UInt64 = 0x0000_0100_0000_01B3
        body.withUnsafeBytes { bytes in
            var offset = 0
            while offset + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hash = ((hash ^ word) &* prime) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                offset += 8
            }
            while offset < bytes.count {
                hash = (hash ^ UInt64(bytes[offset])) &* prime
                offset += 1
            }
        }
        hash ^= hash >> 32
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
