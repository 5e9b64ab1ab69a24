import HTTP
import Testing

extension ParserTests {
    /// Random bytes fed in random pieces never crash the parser, never make a request, and the last answer is a
    /// failure or a request for more bytes.
    @Test(arguments: 0..<4)
    func randomGarbageEndsInFailureOrNeedMore(_ seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 1...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var parser = RequestParser(limits: smallLimits())
            var offset = 0
            var last = "needMore"
            while offset < bytes.count {
                let end = min(bytes.count, offset + Int.random(in: 1...64, using: &rng))
                bytes[offset..<end].withUnsafeBytes { parser.append($0) }
                offset = end
                drain: while true {
                    switch parser.next() {
                    case .needMore: last = "needMore"; break drain
                    case .failure(let problem): last = "failure"; if problem.closeConnection { break drain }
                    case .expectContinue: last = "expectContinue"
                    case .request: last = "request"; Issue.record("garbage parsed as a request: \(bytes)")
                    }
                }
            }
            #expect(last == "needMore" || last == "failure")
        }
    }

    /// Valid requests with a few bytes flipped, inserted or dropped: never a crash, and the answer never depends on
    /// how the bytes were split.
    @Test(arguments: 0..<3)
    func mutatedRequestsAnswerTheSameAtEverySplit(_ seed: UInt64) {
        var rng = SeededGenerator(seed: 100 + seed)
        let originals = validCases.map { Array($0.text.utf8) }
        let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x3B, 0x25, 0x00, 0x7F, 0x30, 0x66, 0x2C]
        for _ in 0..<40 {
            var bytes = originals.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                let byte = Bool.random(using: &rng)
                    ? interesting.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
            }
            #expect(inconsistentSplits(bytes, limits: smallLimits()) == [], "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    /// Random bodies cut into random chunks (with random extensions) come back whole, however they arrive.
    @Test func randomChunkedBodiesRoundTrip() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let body = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var message = Array("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            var offset = 0
            while offset < body.count {
                let size = min(body.count - offset, Int.random(in: 1...700, using: &rng))
                let hex = String(size, radix: 16, uppercase: Bool.random(using: &rng))
                let ext = Bool.random(using: &rng) ? ";n=v" : ""
                message += Array("\(hex)\(ext)\r\n".utf8) + body[offset..<offset + size] + Array("\r\n".utf8)
                offset += size
            }
            message += Array("0\r\nX-T: 1\r\n\r\n".utf8)

            var chunks: [ArraySlice<UInt8>] = []
            var at = 0
            while at < message.count {
                let end = min(message.count, at + Int.random(in: 1...900, using: &rng))
                chunks.append(message[at..<end])
                at = end
            }
            var parser = RequestParser()
            var received: [UInt8]?
            for chunk in chunks {
                chunk.withUnsafeBytes { parser.append($0) }
                if case .request(let request, _) = parser.next() { received = request.body }
            }
            #expect(received == body)
        }
    }
}
