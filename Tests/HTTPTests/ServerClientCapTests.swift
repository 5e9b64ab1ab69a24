import Glibc
import HTTP
import Testing

/// `maxConnectionsPerAddress` over real sockets (every test client comes from 127.0.0.1).
@Suite struct ServerClientCapTests {
    static let get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"

    @Test func aBurstFromOneAddressIsAdmittedExactlyUpToTheCap() throws {
        try withServer({
            $0.loopCount = 4
            $0.maxConnectionsPerAddress = 5
        }, routes: TestRoutes.standard) { server in
            let clients = try (0..<16).map { _ in try TestClient(port: server.port) }
            // Refused connections are answered unasked; admitted ones wait silently for a request.
            let refused = TestClient.readable(clients, expected: 11, timeout: 5000)
            #expect(refused.count == 11)
            for index in refused {
                let response = try clients[index].readResponse()
                #expect(response.status == 503)
                #expect(response.header("Retry-After") == "1")
                #expect(response.header("Content-Type") == "application/problem+json")
                #expect(response.text.contains("from your address"))
                #expect(clients[index].isClosedByServer())
            }
            for index in clients.indices where !refused.contains(index) {
                try clients[index].send(Self.get)
                #expect(try clients[index].readResponse().status == 200)
            }
        }
    }

    /// Each way a connection ends gives its slot back; with a cap of one, the next connection shows it.
    @Test func everyWayOfClosingReleasesTheSlot() throws {
        try withServer({
            $0.loopCount = 2
            $0.maxConnectionsPerAddress = 1
            $0.headerReadTimeout = .milliseconds(300)
            $0.idleTimeout = .milliseconds(300)
            $0.timerInterval = .milliseconds(50)
        }, routes: TestRoutes.standard) { server in
            func admitted() throws -> TestClient {
                let client = try TestClient(port: server.port)
                try client.send(Self.get)
                let response = try client.readResponse()
                #expect(response.status == 200, "slot not released: \(response.status)")
                return client
            }
            // The server answers with Connection: close.
            let closing = try TestClient(port: server.port)
            try closing.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try closing.readResponse().status == 200)
            #expect(closing.isClosedByServer())
            // A malformed request: 400 and close.
            let malformed = try admitted()
            try malformed.send("GET / HTTP/1.1\r\nX-Bad : 1\r\n\r\n")
            #expect(try malformed.readResponse().status == 400)
            #expect(malformed.isClosedByServer())
            // The client half-closes.
            let halfClosed = try admitted()
            shutdown(halfClosed.fd, Int32(SHUT_WR))
            #expect(halfClosed.isClosedByServer())
            // The idle time-out after a request.
            let idle = try admitted()
            #expect(idle.isClosedByServer())
            // A connection that never sends anything: closed at the header time-out, silently (not a 503).
            let silent = try TestClient(port: server.port)
            #expect(silent.isClosedByServer())
            // After all that the count is exact: one admitted, the next refused.
            let last = try admitted()
            let refused = try TestClient(port: server.port)
            #expect(try refused.readResponse().status == 503)
            try last.send(Self.get)
            #expect(try last.readResponse().status == 200)
        }
    }
}
