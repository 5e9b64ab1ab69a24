import Glibc
import HTTP
import Synchronization
import Testing
import Threads

/// Counts `onClose` calls from the server's thread.
final class CloseCounter: Sendable {
    let count = Atomic<Int>(0)
    func hit() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Hands the stream a handler created over to the test thread.
final class StreamSlot: Sendable {
    private let slot = Locked<ResponseStream?>(nil)
    func put(_ stream: ResponseStream) { slot.withLock { $0 = stream } }
    func take(timeoutMilliseconds: Int = 2000) -> ResponseStream? {
        for _ in 0..<timeoutMilliseconds / 5 {
            if let stream = slot.withLock({ $0 }) { return stream }
            usleep(5000)
        }
        return nil
    }
}

@Suite struct ServerStreamTests {
    private func streamRoutes(_ slot: StreamSlot, _ closes: CloseCounter) -> (inout Router) -> Void {
        { router in
            TestRoutes.standard(&router)
            router.get("/events") { _ in
                let stream = ResponseStream()
                stream.onClose { closes.hit() }
                slot.put(stream)
                return .now(Response(status: 200, headers: ["Content-Type": "text/event-stream"], body: .stream(stream)))
            }
        }
    }

    @Test func deliversAStreamInPiecesAndKeepsTheConnection() throws {
        let slot = StreamSlot(), closes = CloseCounter()
        try withServer(routes: streamRoutes(slot, closes)) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            let stream = try #require(slot.take())
            #expect(stream.write(Array("data: one\n\n".utf8)))
            let head = try client.readResponse(head: true)
            #expect(head.header("Transfer-Encoding") == "chunked")
            #expect(head.header("Content-Length") == nil)
            #expect(try client.readChunk().map { String(decoding: $0, as: UTF8.self) } == "data: one\n\n")
            #expect(stream.write(Array("data: two\n\n".utf8)))
            #expect(try client.readChunk().map { String(decoding: $0, as: UTF8.self) } == "data: two\n\n")
            stream.finish()
            #expect(try client.readChunk() == nil)
            #expect(!stream.write([1]))
            // The connection carries on after the stream.
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
            #expect(closes.value == 1)
        }
    }

    @Test func streamsToHTTP10ClientsUntilClose() throws {
        let slot = StreamSlot(), closes = CloseCounter()
        try withServer(routes: streamRoutes(slot, closes)) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /events HTTP/1.0\r\n\r\n")
            let stream = try #require(slot.take())
            stream.write(Array("a".utf8))
            stream.write(Array("b".utf8))
            stream.finish()
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(response.text == "ab")
        }
    }

    @Test func dropsAStreamClientThatStopsReading() throws {
        let slot = StreamSlot(), closes = CloseCounter()
        try withServer({ $0.maxStreamBacklog = 64 * 1024 }, routes: streamRoutes(slot, closes)) { server in
            let client = try TestClient(port: server.port, receiveBuffer: 4096)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            let stream = try #require(slot.take())
            let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
            var written = 0
            let started = milliseconds()
            while stream.write(piece) && milliseconds() - started < 10_000 {
                written += piece.count
                usleep(200)
            }
            #expect(!stream.isOpen)
            // Kernel buffers take some; the server itself holds at most about twice the backlog.
            #expect(written < 32 * 1024 * 1024, "wrote \(written) bytes before the drop")
            for _ in 0..<200 where closes.value == 0 { usleep(10_000) }
            #expect(closes.value == 1)
        }
    }

    @Test func endsStreamsWhenTheClientLeaves() throws {
        let slot = StreamSlot(), closes = CloseCounter()
        try withServer(routes: streamRoutes(slot, closes)) { server in
            var client: TestClient? = try TestClient(port: server.port)
            try client?.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            let stream = try #require(slot.take())
            _ = try client?.readResponse(head: true)
            client = nil
            for _ in 0..<200 where closes.value == 0 { usleep(10_000) }
            #expect(closes.value == 1)
            #expect(!stream.write([1]))
        }
    }
}
