import HTTP
import Testing

@Suite struct ServerTests {
    @Test func answersSeveralRequestsOnOneKeepAliveConnection() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            for name in ["ana", "bo", "quiñones"] {
                let escaped = name == "quiñones" ? "qui%C3%B1ones" : name
                try client.send("GET /hello/\(escaped) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "hello \(name)")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            }
        }
    }

    @Test func answersPipelinedRequestsInOrderAcrossALaterHandler() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /hello/one HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /later HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /hello/three HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "hello one")
            #expect(try client.readResponse().text == "later")
            #expect(try client.readResponse().text == "hello three")
        }
    }

    @Test func speaksHTTP10WithAndWithoutKeepAlive() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let persistent = try TestClient(port: server.port)
            try persistent.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try persistent.readResponse()
            #expect(first.header("Connection") == "keep-alive")
            try persistent.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try persistent.readResponse().text == "ok")

            let plain = try TestClient(port: server.port)
            try plain.send("GET /healthz HTTP/1.0\r\n\r\n")
            let response = try plain.readResponse()
            #expect(response.text == "ok")
            #expect(response.header("Connection") == "close")
            #expect(plain.isClosedByServer())
        }
    }

    @Test func closesAfterConnectionClose() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func sendsContinueBeforeTheBodyIsSent() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
        }
    }

    @Test func readsChunkedRequestBodies() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
            try client.send("7\r\n, world\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "hello, world")
        }
    }

    @Test func headAnswersWithTheHeadersOfGetAndNoBody() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /json HTTP/1.1\r\nHost: x\r\n\r\n")
            let get = try client.readResponse()
            try client.send("HEAD /json HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            // The next answer starts right after HEAD's head: proof that no body followed it.
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let next = try client.readResponse()
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(head.headers.map(\.name) == get.headers.map(\.name))
            #expect(head.header("Content-Type") == get.header("Content-Type"))
            #expect(next.text == "ok")
        }
    }

    @Test func answersUnknownPathsAndMethodsWithProblems() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
            let missing = try client.readResponse()
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/problem+json")
            #expect(missing.text.contains(#""status":404"#))

            try client.send("DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let wrongMethod = try client.readResponse()
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, HEAD, OPTIONS")

            try client.send("M0001 /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let unknownMethod = try client.readResponse()
            #expect(unknownMethod.status == 501)
            #expect(unknownMethod.header("Connection") == nil)

            try client.send("OPTIONS /echo HTTP/1.1\r\nHost: x\r\n\r\n")
            let options = try client.readResponse()
            #expect(options.status == 204)
            #expect(options.header("Allow") == "POST, OPTIONS")
            #expect(options.header("Content-Length") == nil)
        }
    }

    @Test func hidesInternalsOfThrownErrors() throws {
        try withServer(routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n")
            let failure = try client.readResponse()
            #expect(failure.status == 500)
            #expect(failure.text == #"{"type":"about:blank","title":"Internal Server Error","status":500}"#)

            try client.send("GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n")
            let teapot = try client.readResponse()
            #expect(teapot.status == 418)
            #expect(teapot.text.contains(#""detail":"short and stout""#))
        }
    }
}
