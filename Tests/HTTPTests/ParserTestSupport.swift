import HTTP
import Testing

/// A parsed request reduced to comparable values.
struct RequestSummary: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var segments: [String]
    var query: [String]
    var version: String
    var headers: [String]
    var body: String
    var keepAlive: Bool

    init(_ request: Request, keepAlive: Bool) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        segments = request.pathSegments
        query = request.query.map { "\($0.name)=\($0.value)" }
        version = request.version.description
        headers = request.headers.fields.map { "\($0.name): \($0.value)" }
        body = String(decoding: request.body, as: UTF8.self)
        self.keepAlive = keepAlive
    }

    var description: String {
        "\(method) \(target) \(version) path=\(path) segments=\(segments) query=\(query) headers=\(headers) "
            + "body=\(body.debugDescription) keepAlive=\(keepAlive)"
    }
}

/// One `next()` answer other than `.needMore`.
enum ParserEvent: Equatable, CustomStringConvertible {
    case expectContinue
    case request(RequestSummary)
    case failure(status: Int, close: Bool)

    var description: String {
        switch self {
        case .expectContinue: "expectContinue"
        case .request(let summary): "request(\(summary))"
        case .failure(let status, let close): "failure(\(status), close: \(close))"
        }
    }
}

/// Everything a parser answers when fed `chunks` one append at a time, draining `next()` after each append.
/// A closing failure ends the run, after checking that the parser keeps repeating it and ignores more bytes.
func parseEvents(_ chunks: [ArraySlice<UInt8>], limits: ParserLimits = ParserLimits()) -> [ParserEvent] {
    var parser = RequestParser(limits: limits)
    var events: [ParserEvent] = []
    for chunk in chunks {
        chunk.withUnsafeBytes { parser.append($0) }
        while true {
            switch parser.next() {
            case .needMore:
                break
            case .expectContinue:
                events.append(.expectContinue)
                continue
            case .request(let request, let keepAlive):
                events.append(.request(RequestSummary(request, keepAlive: keepAlive)))
                continue
            case .failure(let problem):
                events.append(.failure(status: problem.status, close: problem.closeConnection))
                if problem.closeConnection {
                    parser.append(UnsafeRawBufferPointer(start: nil, count: 0))
                    [UInt8]("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8).withUnsafeBytes { parser.append($0) }
                    if case .failure(let again) = parser.next(), again.status == problem.status {
                        return events
                    }
                    events.append(.failure(status: -1, close: true))
                    return events
                }
                continue
            }
            break
        }
    }
    return events
}

func parseEvents(_ text: String, limits: ParserLimits = ParserLimits()) -> [ParserEvent] {
    parseEvents([ArraySlice(Array(text.utf8))], limits: limits)
}

/// The events with `expectContinue` removed: whether it is due depends on how the bytes were split.
func withoutExpectContinue(_ events: [ParserEvent]) -> [ParserEvent] {
    events.filter { $0 != .expectContinue }
}

/// The split offsets (and `-1` for byte-by-byte) at which feeding `bytes` in pieces answers differently
/// from feeding it whole.
func inconsistentSplits(_ bytes: [UInt8], limits: ParserLimits) -> [Int] {
    let whole = withoutExpectContinue(parseEvents([bytes[...]], limits: limits))
    var offsets: [Int] = []
    for offset in 1..<max(bytes.count, 1) {
        let split = parseEvents([bytes[..<offset], bytes[offset...]], limits: limits)
        if withoutExpectContinue(split) != whole { offsets.append(offset) }
    }
    let byteByByte = parseEvents(bytes.indices.map { bytes[$0...$0] }, limits: limits)
    if withoutExpectContinue(byteByByte) != whole { offsets.append(-1) }
    return offsets
}

/// Small limits so that every-split tests of the limit cases stay quick.
func smallLimits() -> ParserLimits {
    var limits = ParserLimits()
    limits.maxTargetBytes = 64
    limits.maxHeadBytes = 256
    limits.maxHeaderCount = 8
    limits.maxBodyBytes = 64
    return limits
}

/// SplitMix64: a seeded generator, so a failing property check can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
