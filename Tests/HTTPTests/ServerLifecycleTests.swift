import Glibc
import HTTP
import Log
import Testing
import Threads

@Suite struct ServerLifecycleTests {
    @Test func startFailsWhenThePortIsTaken() throws {
        try withServer(routes: TestRoutes.standard) { server in
            var configuration = ServerConfiguration()
            configuration.port = server.port
            configuration.loopCount = 1
            configuration.poolSize = 1
            let second = HTTPServer(configuration: configuration, router: Router(), middleware: [], logger: Logger(level: .error))
            #expect(throws: SystemError("bind", EADDRINUSE)) { try second.start() }
            #expect(server.boundAddress == "127.0.0.1:\(server.port)")
        }
    }

    @Test func largeAnswersSurvivePartialWritesAndStayInOrder() throws {
        let big = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try withServer(routes: { router in
            TestRoutes.standard(&router)
            router.get("/big") { _ in .now(Response(status: 200, contentType: "application/octet-stream", bytes: big)) }
            router.get("/big-later") { _ in .later { Response(status: 200, contentType: "application/octet-stream", bytes: big) } }
        }) { server in
            let client = try TestClient(port: server.port, receiveBuffer: 8192)
            try client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /big-later HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            usleep(100_000)
            #expect(try client.readResponse().body == big)
            #expect(try client.readResponse().body == big)
            #expect(try client.readResponse().text == "ok")
        }
    }

    @Test func severalLoopsShareTheWork() throws {
        let threads = Locked<Set<UInt>>([])
        try withServer({ $0.loopCount = 3 }, routes: { router in
            router.get("/who") { _ in
                threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                return .now(TestRoutes.text("me"))
            }
        }) { server in
            let clients = try (0..<24).map { _ in try TestClient(port: server.port) }
            for _ in 0..<3 {
                for client in clients { try client.send("GET /who HTTP/1.1\r\nHost: x\r\n\r\n") }
                for client in clients { #expect(try client.readResponse().text == "me") }
            }
        }
        // Which loop takes a connection is the kernel's choice; with 24 connections more than one should.
        #expect(threads.withLock { $0.count } >= 2)
    }
}
