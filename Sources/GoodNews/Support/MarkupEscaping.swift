/// Text made safe for HTML and XML 1.0, byte by byte (no Foundation on the hot path).
///
/// `&`, `<`, `>`, `"` and `'` become entities, so the result is safe both as element content and
/// inside a quoted attribute. Characters XML 1.0 forbids (C0 controls other than tab, LF and CR,
/// U+FFFE and U+FFFF) are dropped: a stray control character in a post must not make the feed
/// ill-formed.
public enum MarkupEscaping {
    /// Marks a search hit opens inside a snippet; private-use, so content never means them as text.
    public static let markOpen = "\u{E000}"
    public static let markClose = "\u{E001}"

    /// Appends `text` escaped. With `marks`, `markOpen`/`markClose` become `<mark>`/`</mark>`,
    /// the only markup that ever comes out.
    public static func appendEscaped(_ text: UnsafeRawBufferPointer, to out: inout [UInt8], marks: Bool = false) {
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: ampersand)
            case UInt8(ascii: "<"): out.append(contentsOf: lessThan)
            case UInt8(ascii: ">"): out.append(contentsOf: greaterThan)
            case UInt8(ascii: "\""): out.append(contentsOf: quote)
            case UInt8(ascii: "'"): out.append(contentsOf: apostrophe)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case 0x00..<0x20: break
            case 0xEE where marks && index + 2 < count && text[index + 1] == 0x80
                && (text[index + 2] == 0x80 || text[index + 2] == 0x81):
                out.append(contentsOf: text[index + 2] == 0x80 ? markTag : markEndTag)
                index += 3
                continue
            case 0xEF where index + 2 < count && text[index + 1] == 0xBF
                && (text[index + 2] == 0xBE || text[index + 2] == 0xBF):
                index += 3  // U+FFFE, U+FFFF: not XML characters
                continue
            default: out.append(byte)
            }
            index += 1
        }
    }

    public static func appendEscaped(_ text: String, to out: inout [UInt8], marks: Bool = false) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &out, marks: marks) }
    }

    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)
    private static let markTag = Array("<mark>".utf8)
    private static let markEndTag = Array("</mark>".utf8)
}
