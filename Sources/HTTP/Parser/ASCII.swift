/// Byte classes of RFC 9110 §5.6 and RFC 9112, as shifts and masks so the parser's loops stay branch-light.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F
    static let ampersand: UInt8 = 0x26
    static let asterisk: UInt8 = 0x2A

    /// tchar: `!#$%&'*+-.^_`|~`, digits and letters (bits 0–63 and 64–127 of the table).
    @inline(__always)
    static func isTokenChar(_ c: UInt8) -> Bool {
        if c < 64 { return (0x03FF_6CFA_0000_0000 as UInt64) >> UInt64(c) & 1 == 1 }
        if c < 128 { return (0x57FF_FFFF_C7FF_FFFE as UInt64) >> UInt64(c &- 64) & 1 == 1 }
        return false
    }

    /// A byte allowed in a field value: VCHAR, SP, HTAB or obs-text; never another control character or DEL.
    @inline(__always)
    static func isFieldValueByte(_ c: UInt8) -> Bool {
        (c >= 0x20 && c != 0x7F) || c == tab
    }

    /// A byte allowed in a request target: visible ASCII (raw UTF-8 must arrive percent-encoded).
    @inline(__always)
    static func isTargetByte(_ c: UInt8) -> Bool {
        c &- 0x21 < 0x5E
    }

    @inline(__always)
    static func isOptionalWhitespace(_ c: UInt8) -> Bool {
        c == space || c == tab
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool {
        c &- 0x30 < 10
    }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: Int(c &- 0x30)
        case 0x41...0x46: Int(c &- 0x41 &+ 10)
        case 0x61...0x66: Int(c &- 0x61 &+ 10)
        default: nil
        }
    }

    /// Whether `bytes[range]` equals `lowercase` ignoring ASCII case (`lowercase` must be lowercase).
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                   _ lowercase: StaticString) -> Bool {
        guard range.count == lowercase.utf8CodeUnitCount else { return false }
        let literal = lowercase.utf8Start
        var i = 0
        for index in range {
            guard Headers.lower(bytes[index]) == literal[i] else { return false }
            i &+= 1
        }
        return true
    }
}
