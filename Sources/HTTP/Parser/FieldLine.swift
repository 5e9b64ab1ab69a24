/// One `name: value` line of a header or trailer section (RFC 9112 §5), split without copying.
struct FieldLine {
    var name: Range<Int>
    var value: Range<Int>

    /// Splits `bytes[line]` (CRLF excluded) into name and OWS-trimmed value, or throws the 400 that names the fault.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(Problem) -> FieldLine {
        let first = bytes[line.lowerBound]
        if ASCII.isOptionalWhitespace(first) {
            throw .badRequest("Obsolete line folding (a field line starting with whitespace) is not accepted.")
        }
        var i = line.lowerBound
        while i < line.upperBound && ASCII.isTokenChar(bytes[i]) { i &+= 1 }
        guard i < line.upperBound, bytes[i] == ASCII.colon else {
            if i < line.upperBound && ASCII.isOptionalWhitespace(bytes[i]) {
                throw .badRequest("Whitespace between a field name and its colon is not allowed.")
            }
            throw .badRequest("A header line is not a valid `name: value` field.")
        }
        guard i > line.lowerBound else { throw .badRequest("A header field has an empty name.") }
        let name = line.lowerBound..<i
        var start = i &+ 1
        var end = line.upperBound
        while start < end && ASCII.isOptionalWhitespace(bytes[start]) { start &+= 1 }
        while end > start && ASCII.isOptionalWhitespace(bytes[end &- 1]) { end &-= 1 }
        for index in start..<end where !ASCII.isFieldValueByte(bytes[index]) {
            throw .badRequest("The value of a header field contains a control character.")
        }
        return FieldLine(name: name, value: start..<end)
    }
}

extension Problem {
    /// A 400 after which the stream cannot be trusted: answer and close.
    static func badRequest(_ detail: String) -> Problem {
        Problem(status: 400, detail: detail, closeConnection: true)
    }

    /// A refusal of the given status that closes the connection.
    static func closing(_ status: Int, _ detail: String) -> Problem {
        Problem(status: status, detail: detail, closeConnection: true)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with each non-empty, OWS-trimmed element of the comma-separated list in `range` (RFC 9110 §5.6.1).
    @inline(__always)
    func forEachListElement(in range: Range<Int>, _ body: (Range<Int>) throws(Problem) -> Void) throws(Problem) {
        var elementStart = range.lowerBound
        var i = range.lowerBound
        while true {
            if i == range.upperBound || self[i] == ASCII.comma {
                var lower = elementStart, upper = i
                while lower < upper && ASCII.isOptionalWhitespace(self[lower]) { lower &+= 1 }
                while upper > lower && ASCII.isOptionalWhitespace(self[upper &- 1]) { upper &-= 1 }
                if lower < upper { try body(lower..<upper) }
                if i == range.upperBound { return }
                elementStart = i &+ 1
            }
            i &+= 1
        }
    }
}
