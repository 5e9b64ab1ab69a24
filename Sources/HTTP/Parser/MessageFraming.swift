/// What the fields of one head say about framing and persistence, noted field by field as lines complete,
/// judged as a whole once the head ends (so the order of fields never changes the verdict).
struct MessageFraming {
    enum Expectation { case none, hundredContinue, unknown }
    enum Body { case none, length(Int), chunked }

    var contentLength: Int?
    var hasTransferEncoding = false
    /// Transfer codings over every Transfer-Encoding field, read as one list (RFC 9110 §5.3).
    var chunkedCount = 0
    var unsupportedCoding = false
    /// Whether the last coding listed so far is `chunked` (an empty list has none).
    var chunkedIsFinal = false
    var hostCount = 0
    var connectionClose = false
    var connectionKeepAlive = false
    var expectation = Expectation.none

    /// Notes `name: value` if it is one of the fields that frame the message; throws on a malformed one.
    mutating func note(_ bytes: UnsafeBufferPointer<UInt8>, _ field: FieldLine) throws(Problem) {
        switch field.name.count {
        case 4 where ASCII.equalsIgnoringCase(bytes, field.name, "host"):
            hostCount &+= 1
        case 6 where ASCII.equalsIgnoringCase(bytes, field.name, "expect"):
            try bytes.forEachListElement(in: field.value) { element in
                if ASCII.equalsIgnoringCase(bytes, element, "100-continue") {
                    if expectation == .none { expectation = .hundredContinue }
                } else {
                    expectation = .unknown
                }
            }
        case 10 where ASCII.equalsIgnoringCase(bytes, field.name, "connection"):
            try bytes.forEachListElement(in: field.value) { element in
                if ASCII.equalsIgnoringCase(bytes, element, "close") { connectionClose = true }
                if ASCII.equalsIgnoringCase(bytes, element, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where ASCII.equalsIgnoringCase(bytes, field.name, "content-length"):
            try noteContentLength(bytes, field.value)
        case 17 where ASCII.equalsIgnoringCase(bytes, field.name, "transfer-encoding"):
            hasTransferEncoding = true
            // Codings are case-insensitive; `chunked` takes no parameters, so `chunked;x=1` is another coding.
            try bytes.forEachListElement(in: field.value) { element in
                chunkedIsFinal = ASCII.equalsIgnoringCase(bytes, element, "chunked")
                if chunkedIsFinal { chunkedCount &+= 1 } else { unsupportedCoding = true }
            }
        default:
            break
        }
    }

    /// Content-Length is `1*DIGIT`; a list or repeated field is accepted only when every member agrees (RFC 9110 §8.6).
    private mutating func noteContentLength(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws(Problem) {
        var members = 0
        try bytes.forEachListElement(in: value) { (element) throws(Problem) in
            var length = 0
            for index in element {
                let c = bytes[index]
                guard ASCII.isDigit(c) else { throw .badRequest("Content-Length is not a non-negative decimal number.") }
                let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(c &- 0x30))
                guard !overflow1 && !overflow2 else { throw .badRequest("Content-Length is too large to represent.") }
                length = sum
            }
            if let known = contentLength, known != length {
                throw .badRequest("Content-Length is given more than once with different values.")
            }
            contentLength = length
            members &+= 1
        }
        guard members > 0 else { throw .badRequest("Content-Length is empty.") }
    }

    /// The body this head announces, or the refusal its framing fields call for (RFC 9112 §6.1–6.3, §3.2).
    func body(version: Version, limits: ParserLimits) throws(Problem) -> Body {
        if version == .http1_1 && hostCount == 0 { throw .badRequest("An HTTP/1.1 request must carry a Host field.") }
        if hostCount > 1 { throw .badRequest("A request must not carry more than one Host field.") }
        if hasTransferEncoding {
            if contentLength != nil {
                throw .badRequest("Content-Length and Transfer-Encoding must not both be present.")
            }
            if version == .http1_0 { throw .badRequest("Transfer-Encoding is not defined for HTTP/1.0.") }
            // §6.3: without `chunked` last the body's length cannot be known: 400 and close, whatever else is listed.
            if !chunkedIsFinal { throw .badRequest("Transfer-Encoding must end with `chunked`.") }
            if chunkedCount != 1 { throw .badRequest("Transfer-Encoding must name `chunked` exactly once.") }
            // §6.1: a coding we do not implement, under a final `chunked` we could frame.
            if unsupportedCoding {
                throw .closing(501, "The only transfer coding supported is `chunked` alone.")
            }
            return .chunked
        }
        guard let length = contentLength, length > 0 else { return .none }
        if length > limits.maxBodyBytes {
            throw .closing(413, "The announced body of \(length) bytes exceeds the limit of \(limits.maxBodyBytes).")
        }
        return .length(length)
    }

    /// RFC 9112 §9.3: HTTP/1.1 persists unless `close`; HTTP/1.0 only with `keep-alive`.
    func keepAlive(version: Version) -> Bool {
        if connectionClose { return false }
        return version == .http1_1 || connectionKeepAlive
    }
}
