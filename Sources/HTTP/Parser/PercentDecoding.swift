/// Percent-decoding of target components (RFC 3986 §2.1) into UTF-8 text.
enum PercentDecoding {
    /// Decodes `bytes[range]`; `+` becomes a space when `plusIsSpace` (query components only).
    /// Throws a 400 for a malformed escape, an encoded NUL or bytes that are not UTF-8.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                       plusIsSpace: Bool) throws(Problem) -> String {
        let component = UnsafeBufferPointer(rebasing: bytes[range])
        var needsDecoding = false
        for c in component where c == ASCII.percent || (plusIsSpace && c == ASCII.plus) {
            needsDecoding = true
            break
        }
        // Target bytes are visible ASCII, checked while scanning the request line.
        guard needsDecoding else { return String(decoding: component, as: UTF8.self) }

        let decoded: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: component.count) { out in
            var count = 0
            var i = 0
            while i < component.count {
                var c = component[i]
                if c == ASCII.percent {
                    guard i &+ 2 < component.count,
                          let high = ASCII.hexValue(component[i &+ 1]),
                          let low = ASCII.hexValue(component[i &+ 2]) else { return nil }
                    c = UInt8(high << 4 | low)
                    guard c != 0 else { return nil }
                    i &+= 2
                } else if plusIsSpace && c == ASCII.plus {
                    c = ASCII.space
                }
                out[count] = c
                count &+= 1
                i &+= 1
            }
            return String(validating: UnsafeBufferPointer(rebasing: out[0..<count]), as: UTF8.self)
        }
        guard let decoded else {
            throw .badRequest("The request target has an invalid percent-escape, an encoded NUL or is not UTF-8.")
        }
        return decoded
    }
}
