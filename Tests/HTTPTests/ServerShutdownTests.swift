import Glibc
import HTTP
import Log
import Testing
import Threads

@Suite struct ServerShutdownTests {
    private func start(_ routes: (inout Router) -> Void) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.loopCount = 2
        configuration.poolSize = 2
        var router = Router()
        routes(&router)
        let server = HTTPServer(configuration: configuration, router: router, middleware: [], logger: Logger(level: .error))
        try server.start()
        return server
    }

    @Test func finishesInFlightRequestsThenStops() throws {
        let server = try start { router in
            TestRoutes.standard(&router)
            router.get("/sleep") { _ in .later { usleep(400_000); return TestRoutes.text("done") } }
        }
        let port = server.port
        let idle = try TestClient(port: port)
        try idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().text == "ok")
        let busy = try TestClient(port: port)
        try busy.send("GET /sleep HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(100_000)

        let started = milliseconds()
        let stopper = try PosixThread(name: "test-stopper") { server.shutdown(grace: .seconds(5)) }
        let response = try busy.readResponse()
        #expect(response.text == "done")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        stopper.join()
        #expect(milliseconds() - started < 2000)
        #expect(throws: (any Error).self) { _ = try TestClient(port: port) }
        server.shutdown()
    }

    @Test func endsOpenStreamsCleanly() throws {
        let slot = StreamSlot(), closes = CloseCounter()
        let server = try start { router in
            router.get("/events") { _ in
                let stream = ResponseStream()
                stream.onClose { closes.hit() }
                slot.put(stream)
                return .now(Response(status: 200, headers: ["Content-Type": "text/event-stream"], body: .stream(stream)))
            }
        }
        let client = try TestClient(port: server.port)
        try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        let stream = try #require(slot.take())
        stream.write(Array("data: 1\n\n".utf8))
        _ = try client.readResponse(head: true)
        #expect(try client.readChunk() != nil)
        server.shutdown(grace: .seconds(2))
        #expect(try client.readChunk() == nil)
        #expect(client.isClosedByServer())
        #expect(closes.value == 1)
        #expect(!stream.write([1]))
    }

    @Test func gracePeriodBoundsShutdown() throws {
        let server = try start { router in
            router.get("/forever") { _ in .later { usleep(1_500_000); return TestRoutes.text("late") } }
        }
        let client = try TestClient(port: server.port)
        try client.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        let started = milliseconds()
        server.shutdown(grace: .milliseconds(300))
        let elapsed = milliseconds() - started
        #expect(elapsed < 1200, "shutdown took \(elapsed) ms")
        #expect(client.isClosedByServer())
    }
}
