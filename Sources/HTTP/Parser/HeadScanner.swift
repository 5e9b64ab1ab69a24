/// Progress through one request head (request line and header section). Positions count from the head's
/// first byte, and `scanned` remembers where the search for the end of the head stopped, so each arriving byte is
/// examined once however the head is split across reads.
///
/// Line endings: only CRLF is accepted. A bare LF (or a CR not followed by LF) is refused with 400 wherever it
/// appears, rather than recognised as RFC 9112 §2.2 permits: one terminator means one reading of the framing,
/// which is what keeps a proxy in front of us and this parser from disagreeing about where a request ends.
struct HeadScanner {
    enum Part { case method, target, version, fields }

    static let maxMethodBytes = 32

    var part = Part.method
    var scanned = 0
    var lineStart = 0
    var methodEnd = 0
    var targetEnd = 0
    var major: UInt8 = 0
    var minor: UInt8 = 0
    var method = Method.get
    var version = Version.http1_1
    var target = RequestTarget.root
    var fields: [Headers.Field] = []
    var framing = MessageFraming()

    /// Scans the head bytes received so far (`bytes` starts at the head's first byte); returns the head's length
    /// once its empty line has arrived, nil while more is needed.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, limits: ParserLimits) throws(Problem) -> Int? {
        if part != .fields {
            guard try scanRequestLine(bytes, limits: limits) else { return nil }
        }
        while scanned < bytes.count {
            var lf = scanned
            while lf < bytes.count && bytes[lf] != ASCII.lf { lf &+= 1 }
            scanned = lf
            guard lf < bytes.count else { return nil }
            guard lf > lineStart && bytes[lf &- 1] == ASCII.cr else {
                throw .badRequest("A header line ends in a bare LF; lines must end in CRLF.")
            }
            scanned = lf &+ 1
            let line = lineStart..<lf &- 1
            lineStart = scanned
            if line.isEmpty { return scanned }
            try addField(bytes, line, limits: limits)
        }
        return nil
    }

    private mutating func addField(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>,
                                   limits: ParserLimits) throws(Problem) {
        guard fields.count < limits.maxHeaderCount else {
            throw .closing(431, "The request has more than \(limits.maxHeaderCount) header fields.")
        }
        let field = try FieldLine.split(bytes, line)
        try framing.note(bytes, field)
        if fields.isEmpty { fields.reserveCapacity(8) }
        fields.append((
            name: String(decoding: UnsafeBufferPointer(rebasing: bytes[field.name]), as: UTF8.self),
            value: String(decoding: UnsafeBufferPointer(rebasing: bytes[field.value]), as: UTF8.self)
        ))
    }

    /// Walks the request line byte by byte, so bytes that cannot start an HTTP request (a TLS ClientHello,
    /// binary noise) are refused at the first impossible byte instead of after a whole head's worth.
    private mutating func scanRequestLine(_ bytes: UnsafeBufferPointer<UInt8>,
                                          limits: ParserLimits) throws(Problem) -> Bool {
        var i = scanned
        defer { scanned = i }
        while i < bytes.count {
            let c = bytes[i]
            switch part {
            case .method:
                if ASCII.isTokenChar(c) {
                    if i == Self.maxMethodBytes {
                        throw .closing(501, "The method is longer than any this server implements.")
                    }
                } else if c == ASCII.space && i > 0 {
                    methodEnd = i
                    part = .target
                } else {
                    throw .badRequest("The bytes received do not start an HTTP/1.x request line.")
                }
            case .target:
                if ASCII.isTargetByte(c) {
                    if i &- methodEnd > limits.maxTargetBytes {
                        throw .closing(414, "The request target is longer than \(limits.maxTargetBytes) bytes.")
                    }
                } else if c == ASCII.space && i > methodEnd &+ 1 {
                    targetEnd = i
                    part = .version
                } else {
                    throw .badRequest("The request target is empty or contains a byte that is not visible ASCII.")
                }
            case .version:
                if try acceptVersionByte(c, at: i &- targetEnd &- 1) {
                    i &+= 1
                    lineStart = i
                    part = .fields
                    try finishRequestLine(bytes)
                    return true
                }
            case .fields:
                return true
            }
            i &+= 1
        }
        return false
    }

    /// Matches `HTTP/d.d CRLF` one byte at a time; true after the LF.
    private mutating func acceptVersionByte(_ c: UInt8, at offset: Int) throws(Problem) -> Bool {
        let matches: Bool
        switch offset {
        case 0: matches = c == 0x48 // H
        case 1, 2: matches = c == 0x54 // T
        case 3: matches = c == 0x50 // P
        case 4: matches = c == ASCII.slash
        case 5: matches = ASCII.isDigit(c); major = c &- 0x30
        case 6: matches = c == 0x2E // .
        case 7: matches = ASCII.isDigit(c); minor = c &- 0x30
        case 8: matches = c == ASCII.cr
        default: matches = c == ASCII.lf
        }
        guard matches else { throw .badRequest("The request line does not end in `HTTP/1.x` and CRLF.") }
        guard offset == 9 else { return false }
        guard major == 1 && minor <= 1 else {
            throw .closing(505, "Only HTTP/1.0 and HTTP/1.1 are supported, not HTTP/\(major).\(minor).")
        }
        version = minor == 0 ? .http1_0 : .http1_1
        return true
    }

    private mutating func finishRequestLine(_ bytes: UnsafeBufferPointer<UInt8>) throws(Problem) {
        let methodBytes = UnsafeBufferPointer(rebasing: bytes[0..<methodEnd])
        method = Method(String(decoding: methodBytes, as: UTF8.self))
        let targetBytes = UnsafeBufferPointer(rebasing: bytes[methodEnd &+ 1..<targetEnd])
        target = try RequestTarget(targetBytes, isOptions: method == .options)
    }
}
