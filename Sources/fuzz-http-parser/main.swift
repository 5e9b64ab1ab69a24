import FuzzDriver
// The internal-offset checks need `@testable`, which a plain release build (the benchmark's) does not allow.
#if DEBUG || FUZZING
@testable import HTTP
#else
import HTTP
#endif

// libFuzzer target for the incremental request parser (`scripts/fuzz.sh http-parser`).
//
// Each input is parsed three ways: whole; in two appends split at a position taken from its first byte
// (the parser is incremental: the answers must not depend on how the bytes arrived); and whole again
// under small limits, so the 413/414/431 paths are in reach of short inputs. A broken invariant traps.

/// One answer of `next()` other than `.needMore` and `.expectContinue` (which depends on the split).
enum Event: Equatable {
    case request(method: String, target: String, path: String, segments: [String], query: [String],
                 version: String, headers: [String], body: [UInt8], keepAlive: Bool)
    case failure(status: Int, close: Bool)
}

func smallLimits() -> ParserLimits {
    var limits = ParserLimits()
    limits.maxTargetBytes = 64
    limits.maxHeadBytes = 256
    limits.maxHeaderCount = 8
    limits.maxBodyBytes = 64
    return limits
}

/// Feeds `chunks` one append at a time, draining `next()` after each, and checks every answer.
func events(_ chunks: [UnsafeBufferPointer<UInt8>], limits: ParserLimits) -> [Event] {
    var parser = RequestParser(limits: limits)
    var events: [Event] = []
    var appended = 0
    for chunk in chunks {
        parser.append(UnsafeRawBufferPointer(chunk))
        appended += chunk.count
        while true {
            let result = parser.next()
            #if DEBUG || FUZZING
            // Consumed bytes never pass what arrived; what is kept never exceeds it.
            require(parser.start >= 0 && parser.start <= parser.buffer.count, "start outside the buffer")
            require(parser.buffer.count - parser.start <= appended, "more bytes buffered than appended")
            #endif
            switch result {
            case .needMore:
                break
            case .expectContinue:
                continue
            case .request(let request, let keepAlive):
                require(request.body.count <= limits.maxBodyBytes, "body beyond maxBodyBytes")
                require(request.body.count <= appended, "body longer than the input")
                require(request.headers.count <= limits.maxHeaderCount, "more fields than maxHeaderCount")
                require(request.target.utf8.count <= limits.maxTargetBytes, "target beyond maxTargetBytes")
                events.append(.request(
                    method: request.method.rawValue, target: request.target, path: request.path,
                    segments: request.pathSegments, query: request.query.map { "\($0.name)=\($0.value)" },
                    version: request.version.description, headers: request.headers.fields.map { "\($0.name): \($0.value)" },
                    body: request.body, keepAlive: keepAlive))
                continue
            case .failure(let problem):
                require((400...599).contains(problem.status), "failure status \(problem.status)")
                events.append(.failure(status: problem.status, close: problem.closeConnection))
                if problem.closeConnection { return events }
                continue
            }
            break
        }
    }
    return events
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let whole = events([input], limits: ParserLimits())
    let split = Int(input[0]) % size
    let inTwo = events([UnsafeBufferPointer(rebasing: input[..<split]), UnsafeBufferPointer(rebasing: input[split...])],
                       limits: ParserLimits())
    require(inTwo == whole, "split at \(split): \(inTwo) differs from \(whole)")
    _ = events([input], limits: smallLimits())
    return 0
}

runFuzzTarget(fuzzHTTPParser)
