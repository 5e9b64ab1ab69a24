/// The body of the request whose head was just read: its framing, and what has arrived of it.
///
/// Chunked bodies (RFC 9112 §7.1): chunk extensions are checked for control characters and otherwise ignored;
/// trailer fields are checked like header fields, counted against `maxHeadBytes`, then discarded (never merged
/// into the request's headers, so a trailer cannot smuggle in a field the head did not have).
///
/// Bounds: a chunk-size line (size and extensions) is at most `maxChunkLineBytes`; a size that does not fit
/// in an `Int` is a 400, one past what remains of `maxBodyBytes` a 413, before any of its data is read. The
/// framing overhead (size lines, extensions, CRLFs) may not outgrow the data it frames by more than
/// `maxFramingExcess` (as Go's chunked reader, CVE-2023-39326): tiny chunks with long extensions would
/// otherwise make the server read gigabytes for a body that counts as 1 MiB.
struct BodyReader {
    enum Framing {
        case length(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    /// Chunk-size lines (size and extensions) longer than this are refused.
    static let maxChunkLineBytes = 4096
    /// Each chunk may carry 16 bytes of framing plus its own size; beyond that the excess accumulates, and past
    /// this much the body is refused.
    static let maxFramingExcess = 16 * 1024

    var framing = Framing.length(remaining: 0)
    var bytes: [UInt8] = []
    var received = 0
    var keepAlive = true
    /// A non-closing refusal (417) answered once the body has been read past, so the framing stays intact.
    var refusal: Problem?
    /// How much of the current chunk-size or trailer line has been searched for its LF.
    var lineScanned = 0
    var trailerBytes = 0
    /// Framing bytes beyond each chunk's allowance, so far.
    var framingExcess = 0

    /// Reservations are capped: an announced length is a promise the client may not keep, and idle connections
    /// should not each hold a maximum-size body in advance.
    static let maxReservedBytes = 64 * 1024

    mutating func begin(_ framing: Framing, reserving capacity: Int) {
        self.framing = framing
        if refusal == nil && capacity > 0 { bytes.reserveCapacity(min(capacity, Self.maxReservedBytes)) }
    }

    /// Consumes what it can of `input` (the unconsumed buffered bytes): how many bytes, and whether the body ended.
    mutating func read(_ input: UnsafeBufferPointer<UInt8>,
                       limits: ParserLimits) throws(Problem) -> (consumed: Int, complete: Bool) {
        var offset = 0
        while true {
            switch framing {
            case .length(let remaining):
                let count = min(remaining, input.count &- offset)
                take(input, offset..<offset &+ count)
                offset &+= count
                if count == remaining { return (offset, true) }
                framing = .length(remaining: remaining &- count)
                return (offset, false)
            case .chunkSize:
                if lineScanned == 0 && offset < input.count && ASCII.hexValue(input[offset]) == nil {
                    throw .badRequest("A chunk does not start with a hexadecimal size.")
                }
                guard let line = try nextLine(input, from: offset, maxBytes: Self.maxChunkLineBytes) else {
                    return (offset, false)
                }
                let size = try Self.chunkSize(input, line)
                offset = line.upperBound &+ 2
                if size == 0 {
                    framing = .trailers
                } else if size > limits.maxBodyBytes &- received {
                    throw .closing(413, "The chunked body exceeds the limit of \(limits.maxBodyBytes) bytes.")
                } else {
                    // The size line with its CRLF and the CRLF after the data, against 16 bytes plus the size
                    // (capped, so no sum can overflow: every term is at most a few MiB).
                    let allowance = 16 &+ min(size, 1 << 20)
                    framingExcess = max(0, framingExcess &+ line.count &+ 4 &- allowance)
                    guard framingExcess <= Self.maxFramingExcess else {
                        throw .badRequest("The chunked body has too much framing for its data.")
                    }
                    framing = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let count = min(remaining, input.count &- offset)
                take(input, offset..<offset &+ count)
                offset &+= count
                guard count == remaining else {
                    framing = .chunkData(remaining: remaining &- count)
                    return (offset, false)
                }
                framing = .chunkDataEnd
            case .chunkDataEnd:
                guard offset < input.count else { return (offset, false) }
                guard input[offset] == ASCII.cr else { throw .badRequest("Chunk data is not followed by CRLF.") }
                guard offset &+ 1 < input.count else { return (offset, false) }
                guard input[offset &+ 1] == ASCII.lf else { throw .badRequest("Chunk data is not followed by CRLF.") }
                offset &+= 2
                framing = .chunkSize
            case .trailers:
                guard let line = try nextLine(input, from: offset, maxBytes: limits.maxHeadBytes &- trailerBytes) else {
                    return (offset, false)
                }
                offset = line.upperBound &+ 2
                if line.isEmpty { return (offset, true) }
                _ = try FieldLine.split(input, line)
                trailerBytes &+= line.count &+ 2
            }
        }
    }

    private mutating func take(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        received &+= range.count
        if refusal == nil { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[range])) }
    }

    /// The next CRLF-terminated line from `offset` (CRLF excluded), or nil until its LF has arrived.
    private mutating func nextLine(_ input: UnsafeBufferPointer<UInt8>, from offset: Int,
                                  maxBytes: Int) throws(Problem) -> Range<Int>? {
        let end = min(input.count, offset &+ maxBytes)
        var lf = offset &+ lineScanned
        while lf < end && input[lf] != ASCII.lf { lf &+= 1 }
        guard lf < end else {
            lineScanned = end &- offset
            guard lineScanned < maxBytes else {
                if case .trailers = framing {
                    throw .closing(431, "The trailer section exceeds \(maxBytes) bytes.")
                }
                throw .badRequest("A chunk-size line is longer than \(maxBytes) bytes.")
            }
            return nil
        }
        guard lf > offset && input[lf &- 1] == ASCII.cr else {
            throw .badRequest("A chunk line ends in a bare LF; lines must end in CRLF.")
        }
        lineScanned = 0
        return offset..<lf &- 1
    }

    /// `1*HEXDIG [BWS ";" chunk-ext]`: the size, with extensions checked for control characters and ignored.
    private static func chunkSize(_ input: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(Problem) -> Int {
        var i = line.lowerBound
        var size = 0
        while i < line.upperBound, let digit = ASCII.hexValue(input[i]) {
            guard size <= Int.max >> 4 else { throw .badRequest("A chunk size is too large to represent.") }
            size = size << 4 | digit
            i &+= 1
        }
        guard i > line.lowerBound else { throw .badRequest("A chunk does not start with a hexadecimal size.") }
        while i < line.upperBound && ASCII.isOptionalWhitespace(input[i]) { i &+= 1 }
        guard i < line.upperBound else { return size }
        guard input[i] == ASCII.semicolon else { throw .badRequest("A chunk size is followed by garbage.") }
        for index in i &+ 1..<line.upperBound where !ASCII.isFieldValueByte(input[index]) {
            throw .badRequest("A chunk extension contains a control character.")
        }
        return size
    }
}
