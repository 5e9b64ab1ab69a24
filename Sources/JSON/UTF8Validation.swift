/// Byte-level UTF-8 checks (RFC 3629), used to say exactly where a text stops being UTF-8.
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `offset`, or 0 if none starts there.
    static func sequenceLength(at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = text[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F  // excludes UTF-16 surrogates
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F  // nothing past U+10FFFF
        default: return 0
        }
        guard offset + length <= text.count, secondRange.contains(text[offset + 1]) else { return 0 }
        for index in offset + 2 ..< offset + length where text[index] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    /// The offset of the first byte in `range` that does not belong to a well-formed sequence,
    /// or nil if the whole range is UTF-8. ASCII is skipped eight bytes at a time.
    static func firstInvalidOffset(in range: Range<Int>, of text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = text.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var offset = range.lowerBound
        while offset < range.upperBound {
            if offset + 8 <= range.upperBound {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    offset += 8
                    continue
                }
            }
            let length = sequenceLength(at: offset, in: text)
            if length == 0 || offset + length > range.upperBound { return offset }
            offset += length
        }
        return nil
    }
}
