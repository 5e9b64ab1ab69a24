/// Finds the bytes a JSON string cannot hold as they are: `"`, `\` and controls below 0x20.
///
/// Eight bytes at a time with the SWAR zero-byte trick: a borrow can only flag bytes above a
/// byte that truly matches, so the lowest flagged byte of a word is always a real match.
enum ByteScan {
    /// The index of the first special byte in `base[start..<end]`, or `end` if there is none.
    @inline(__always)
    static func firstSpecial(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(base)
        // Two words per turn: long text mostly needs no escape, so the loop is what costs.
        while end - index >= 16 {
            let first = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
            if specialMask(first) | specialMask(second) != 0 { break }
            index += 16
        }
        while end - index >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let mask = specialMask(word)
            if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < end {
            if isSpecial(base[index]) { return index }
            index += 1
        }
        return end
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    @inline(__always)
    static func specialMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteMatches = (quote &- ones) & ~quote
        let backslashMatches = (backslash &- ones) & ~backslash
        let controlMatches = (word &- ones &* 0x20) & ~word
        return (quoteMatches | backslashMatches | controlMatches) & high
    }
}
