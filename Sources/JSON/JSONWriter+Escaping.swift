extension JSONWriter {
    /// Appends `text` in quotes, escaped.
    mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0) }
    }

    /// Appends UTF-8 text in quotes, copying runs that need no escape whole.
    mutating func appendQuoted(utf8: UnsafeBufferPointer<UInt8>) {
        JSONWriter.appendQuoted(utf8: utf8, to: &bytes)
    }

    /// Appends `text` as a JSON string literal (RFC 8259 §7) to a buffer the caller builds itself
    /// (log lines): the same escaping as every value this writer writes.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &bytes) }
    }

    static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if let base = utf8.baseAddress {
            let end = utf8.count
            var runStart = 0
            while runStart < end {
                let special = ByteScan.firstSpecial(base, from: runStart, to: end)
                if special > runStart {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: special - runStart))
                }
                guard special < end else { break }
                appendEscape(for: base[special], to: &bytes)
                runStart = special + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(for byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hexDigits.utf8Start[Int(byte >> 4)])
            bytes.append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }

    /// Appends the decimal digits of `value` from a small stack buffer.
    mutating func appendDigits(_ value: UInt64) {
        JSONWriter.appendDigits(value, to: &bytes)
    }

    /// Appends the decimal digits of `value` (with `-` when negative) to a buffer the caller builds itself.
    public static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), to: &bytes)
    }

    static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = digits.count
            while remaining > 0 {
                let (quotient, digit) = remaining.quotientAndRemainder(dividingBy: 10)
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: digit)
                remaining = quotient
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
