import HTTP
import Testing

/// Every parser refusal, end to end: the status arrives as problem+json and the connection closes where required.
@Suite struct ServerRejectionTests {
    @Test(arguments: invalidCases)
    func refusesMalformedRequests(_ invalid: InvalidCase) throws {
        try withServer({ $0.parserLimits = invalid.limits }, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send(invalid.bytes)
            for _ in 0..<invalid.requestsBefore {
                #expect(try client.readResponse().status != invalid.status)
            }
            let response = try client.readResponse()
            #expect(response.status == invalid.status)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("\"status\":\(invalid.status)"))
            if invalid.close {
                #expect(response.header("Connection") == "close")
                #expect(client.isClosedByServer())
            } else {
                try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().text == "ok")
            }
        }
    }

    @Test func refusesABodyOverTheLimitWithoutReadingIt() throws {
        try withServer({ $0.parserLimits.maxBodyBytes = 1024 }, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.isClosedByServer())
        }
    }
}
