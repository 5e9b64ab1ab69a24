import Glibc
@testable import HTTP
import Testing

/// Large repeated bodies go out by sendfile(2) from sealed memfds: the bytes on the wire must be exactly the
/// body's, in order with the other answers, whatever the socket takes per call.
@Suite struct SealedBodyTests {
    /// 1.5 MB that no two offsets repeat the same way, so a misplaced offset or a lost piece changes the bytes.
    static let large: [UInt8] = (0..<1_500_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }

    @Test func aBufferSeenTwiceGetsASealedFileHoldingItsBytes() throws {
        let bodies = SealedBodies()
        let bytes = SealedBodyTests.large
        #expect(bodies.body(for: bytes) == nil)
        let sealed = try #require(bodies.body(for: bytes))
        #expect(bodies.body(for: bytes) === sealed)
        #expect(sealed.count == bytes.count)
        var read = [UInt8](repeating: 0, count: bytes.count + 1)
        let n = read.withUnsafeMutableBytes { pread(sealed.descriptor, $0.baseAddress, $0.count, 0) }
        #expect(n == bytes.count)
        #expect(Self.isLarge(Array(read[0..<bytes.count])))
        // Sealed: nothing can write into the pages a send may still be reading.
        let written = bytes.withUnsafeBytes { pwrite(sealed.descriptor, $0.baseAddress, 1, 0) }
        #expect(written == -1)
    }

    @Test func equalBytesInAnotherBufferAndSmallBodiesStayInMemory() {
        let bodies = SealedBodies()
        let small = [UInt8](repeating: 7, count: SealedBodies.minimumSize - 1)
        #expect(bodies.body(for: small) == nil)
        #expect(bodies.body(for: small) == nil)
        // Rendered afresh per request: equal bytes in a new buffer each time (both alive, so two addresses).
        let first = SealedBodyTests.large.withUnsafeBufferPointer { Array($0) }
        let second = SealedBodyTests.large.withUnsafeBufferPointer { Array($0) }
        #expect(bodies.body(for: first) == nil)
        #expect(bodies.body(for: second) == nil)
    }

    @Test func keepsAtMostMaxFilesAndClosesTheOnesItDrops() throws {
        let bodies = SealedBodies()
        var kept: [[UInt8]] = []
        weak var oldest: SealedBody?
        for index in 0..<(SealedBodies.maxFiles + 20) {
            let bytes = [UInt8](repeating: UInt8(index & 0xFF), count: SealedBodies.minimumSize)
            kept.append(bytes)
            #expect(bodies.body(for: bytes) == nil)
            let sealed = try #require(bodies.body(for: bytes))
            if index == 0 { oldest = sealed }
        }
        #expect(bodies.fileCount == SealedBodies.maxFiles)
        // Dropped and no send holds it: its deinit has closed the descriptor.
        #expect(oldest == nil)
        #expect(bodies.body(for: kept[kept.count - 1]) != nil)
    }

    @Test func repeatedLargeBodiesArriveWholeInOrderWithPipelinedAnswers() throws {
        try withServer(routes: { router in
            TestRoutes.standard(&router)
            router.get("/large") { _ in
                .now(Response(status: 200, contentType: "application/octet-stream", bytes: SealedBodyTests.large))
            }
        }) { server in
            // A small receive window: the server's sends stop part-way again and again.
            let client = try TestClient(port: server.port, receiveBuffer: 8192)
            for _ in 0..<3 {
                try client.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(Self.isLarge(response.body))
            }
            // Six large answers (more than the socket buffers hold) queued before the client reads: sendfile fills the socket, stops part-way
            // and resumes at the right offset; the small answers between them keep their places.
            var pipeline = ""
            for index in 0..<6 { pipeline += "GET /large HTTP/1.1\r\nHost: x\r\n\r\nGET /hello/n\(index) HTTP/1.1\r\nHost: x\r\n\r\n" }
            try client.send(pipeline)
            for index in 0..<6 {
                let large = try client.readResponse()
                #expect(large.status == 200)
                #expect(large.header("Content-Length") == String(SealedBodyTests.large.count))
                #expect(Self.isLarge(large.body))
                #expect(try client.readResponse().text == "hello n\(index)")
            }
            try client.send("HEAD /large HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.body.isEmpty)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
        }
    }

    /// A bool, so a failure does not print 1.5 million numbers.
    static func isLarge(_ bytes: [UInt8]) -> Bool { bytes == large }
}
