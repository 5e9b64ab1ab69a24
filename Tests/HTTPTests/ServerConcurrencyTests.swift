import Glibc
import HTTP
import Testing

@Suite struct ServerConcurrencyTests {
    @Test func aSlowLaterHandlerDoesNotDelayOtherConnections() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let slow = try TestClient(port: server.port)
            try slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try TestClient(port: server.port)
            let started = milliseconds()
            for _ in 0..<20 {
                try fast.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try fast.readResponse().text == "ok")
            }
            #expect(milliseconds() - started < 1500)
            #expect(try slow.readResponse().text == "slow")
            #expect(milliseconds() - started > 1500)
        }
    }

    @Test func tricklingClientsDoNotSlowDownOthers() throws {
        try withServer({ $0.headerReadTimeout = .seconds(5) }, routes: TestRoutes.standard) { server in
            let request = Array("GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: trickle\r\n\r\n".utf8)
            let tricklers = try (0..<300).map { _ in try TestClient(port: server.port) }
            let normal = try TestClient(port: server.port)
            var worst = 0.0
            for round in 0..<12 {
                for trickler in tricklers { try trickler.send([request[round]]) }
                for _ in 0..<5 {
                    let started = milliseconds()
                    try normal.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    #expect(try normal.readResponse().text == "ok")
                    worst = max(worst, milliseconds() - started)
                }
                usleep(150_000)
            }
            #expect(worst < 500, "slowest answer took \(worst) ms")
            // The tricklers are still connected, each holding only its socket and a partial head.
            try tricklers[0].send(Array(request[12...]))
            #expect(try tricklers[0].readResponse().text == "ok")
        }
    }
}
