import Glibc
import HTTP
import Testing

@Suite struct ServerLimitTests {
    @Test func headerTimeoutAnswers408AndCloses() throws {
        try withServer({
            $0.headerReadTimeout = .milliseconds(300)
            $0.timerInterval = .milliseconds(50)
        }, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            let started = milliseconds()
            try client.send("GET /healthz HTTP/1.1\r\nHo")
            let response = try client.readResponse()
            let elapsed = milliseconds() - started
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
            #expect(elapsed >= 280 && elapsed < 2000, "closed after \(elapsed) ms")
        }
    }

    @Test func trickledBytesDoNotExtendTheHeaderTimeout() throws {
        try withServer({
            $0.headerReadTimeout = .milliseconds(400)
            $0.timerInterval = .milliseconds(50)
        }, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            let started = milliseconds()
            var closedAfter: Double?
            for byte in "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
                do { try client.send([byte]) } catch { break }
                usleep(50_000)
                if milliseconds() - started > 1500 { break }
            }
            if let response = try? client.readResponse() {
                #expect(response.status == 408)
                closedAfter = milliseconds() - started
            }
            #expect(closedAfter != nil)
            #expect((closedAfter ?? 0) < 1700)
        }
    }

    @Test func aSilentNewConnectionIsClosedAtTheHeaderTimeOutNotTheIdleOne() throws {
        try withServer({
            $0.headerReadTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(30)
            $0.timerInterval = .milliseconds(50)
        }, routes: TestRoutes.standard) { server in
            let started = milliseconds()
            let client = try TestClient(port: server.port, timeout: 3)
            // Nothing was asked, so nothing is answered: EOF with no bytes.
            #expect(client.isClosedByServer())
            let elapsed = milliseconds() - started
            #expect(elapsed >= 250 && elapsed < 2000, "closed after \(elapsed) ms")
        }
    }

    @Test func idleKeepAliveConnectionsAreClosedSilently() throws {
        try withServer({
            $0.idleTimeout = .milliseconds(300)
            $0.timerInterval = .milliseconds(50)
        }, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
            let started = milliseconds()
            #expect(client.isClosedByServer())
            #expect(milliseconds() - started >= 200)
        }
    }

    @Test func connectionsBeyondTheCapGet503AndAreClosed() throws {
        try withServer({ $0.maxConnections = 2 }, routes: TestRoutes.standard) { server in
            let first = try TestClient(port: server.port)
            let second = try TestClient(port: server.port)
            for client in [first, second] {
                try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try TestClient(port: server.port)
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(third.isClosedByServer())

            try first.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            _ = try first.readResponse()
            #expect(first.isClosedByServer())
            // The slot is free again once the server has closed its side.
            var answered = false
            for _ in 0..<20 where !answered {
                let next = try TestClient(port: server.port)
                try next.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                answered = (try? next.readResponse().status) == 200
                if !answered { usleep(20_000) }
            }
            #expect(answered)
        }
    }
}
