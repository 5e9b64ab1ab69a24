extension JSONScanner {
    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` starting at `offset`.
    ///
    /// Integral literals that fit `Int64` are accumulated directly; everything else goes through
    /// the standard library's correctly rounded `Double(_:)`, only after the grammar has been checked.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = offset
        let negative = current == UInt8(ascii: "-")
        if negative { offset += 1 }

        var magnitude: UInt64 = 0
        var overflowed = false
        guard let first = current, isDigit(first) else {
            throw invalidNumber(hint: "expected a digit after '-'")
        }
        if first == UInt8(ascii: "0") {
            offset += 1
            if let next = current, isDigit(next) {
                throw invalidNumber(hint: "leading zeros are not allowed")
            }
        } else {
            while let byte = current, isDigit(byte) {
                let (product, productOverflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, sumOverflow) = product.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
                overflowed = overflowed || productOverflow || sumOverflow
                magnitude = sum
                offset += 1
            }
        }

        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            offset += 1
            try digits(hint: "expected a digit after '.'")
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            try digits(hint: "expected a digit in the exponent")
        }

        if integral && !overflowed {
            if !negative && magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
            // -0 stays a double so that it keeps its sign.
            if negative && magnitude != 0 && magnitude <= UInt64(Int64.max) + 1 {
                return .int(Int64(bitPattern: 0 &- magnitude))
            }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: text[start..<offset]), as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw error(at: start, "number out of range", hint: "too large for a 64-bit floating-point number")
        }
        return .double(value)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func digits(hint: String) throws(JSONParseError) {
        guard let first = current, isDigit(first) else { throw invalidNumber(hint: hint) }
        offset += 1
        while let byte = current, isDigit(byte) { offset += 1 }
    }

    private func invalidNumber(hint: String) -> JSONParseError {
        guard offset < text.count else { return error(at: offset, "unexpected end of input", hint: hint) }
        return error(at: offset, "invalid number: unexpected character \(JSONParseError.describe(byteAt: offset, in: text))",
                     hint: hint)
    }
}
