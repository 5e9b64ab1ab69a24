import Foundation

/// Slugs: `[a-z0-9]+(-[a-z0-9]+)*`, 1–120 characters, not all digits (so a path segment that is all
/// digits is always an id).
public enum Slug {
    public static let maxLength = 120

    /// Whether `text` is an acceptable slug as given by a client.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...maxLength).contains(bytes.count) else { return false }
        var previousWasHyphen = true  // forbids a leading hyphen
        var sawNonDigit = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sawNonDigit = true; previousWasHyphen = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"): previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                sawNonDigit = true
                previousWasHyphen = true
            default: return false
            }
        }
        return !previousWasHyphen && sawNonDigit
    }

    /// A slug derived from a title or name, folded to ASCII ("Quiñones" → `quinones`).
    /// `fallback` is used when nothing is left (a title of only symbols) and as a prefix for all-digit results.
    public static func derive(from text: String, fallback: String) -> String {
        var out: [UInt8] = []
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            let v = scalar.value
            let isAlnum = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            if isAlnum {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(UInt8(v))
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "Magai's" → `magais`, not `magai-s`
            } else {
                pendingHyphen = true
            }
        }
        var slug = String(decoding: out, as: UTF8.self)
        if slug.isEmpty { slug = fallback }
        if !isValid(slug) { slug = fallback + "-" + slug }
        return truncate(slug, to: maxLength)
    }

    /// `base` with `-N` appended, still within the length limit (for making a derived slug unique).
    public static func numbered(_ base: String, _ n: Int) -> String {
        let suffix = "-\(n)"
        return truncate(base, to: maxLength - suffix.utf8.count) + suffix
    }

    /// Cuts at a hyphen boundary where possible so a slug never ends in `-`.
    static func truncate(_ slug: String, to limit: Int) -> String {
        guard slug.utf8.count > limit else { return slug }
        var bytes = Array(slug.utf8.prefix(limit))
        if let lastHyphen = bytes.lastIndex(of: UInt8(ascii: "-")), lastHyphen > limit / 2 {
            bytes.removeSubrange(lastHyphen...)
        }
        while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lower-cased, diacritics removed, and the Latin letters that do not decompose spelled out.
    static func fold(_ text: String) -> String {
        let special: [Character: String] = [
            "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
            "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i",
        ]
        var spelled = ""
        spelled.reserveCapacity(text.utf8.count)
        for ch in text { if let s = special[ch] { spelled += s } else { spelled.append(ch) } }
        return spelled.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }
}
