import Glibc
import HTTP
import Log
import Testing

/// The standard middleware stack over real sockets.
@Suite struct MiddlewareServerTests {
    let stack: [any Middleware] = [RequestID(), CORS(), Gzip(), ConditionalGET()]

    @Test func etagRevalidationAndGzipEndToEnd() throws {
        try withServer(middleware: stack, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            let zipped = try client.readResponse()
            #expect(zipped.header("Content-Encoding") == "gzip")
            #expect(zipped.header("Vary") == "Accept-Encoding")
            let tag = try #require(zipped.header("ETag"))
            #expect(tag.hasSuffix("-gzip\""))

            try client.send("GET /json HTTP/1.1\r\nHost: x\r\n\r\n")
            let plain = try client.readResponse()
            #expect(plain.header("Content-Encoding") == nil)
            #expect(gunzip(zipped.body) == plain.body)
            #expect(plain.header("ETag") != tag)

            try client.send("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: \(tag)\r\n\r\n")
            let notModified = try client.readResponse()
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            #expect(notModified.header("Content-Length") == nil)

            try client.send("HEAD /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.header("Content-Length") == zipped.header("Content-Length"))
            #expect(head.header("ETag") == tag)
            // Still in step: nothing but the head was sent.
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
        }
    }

    @Test func corsPreflightAndRequestIdsEndToEnd() throws {
        try withServer(middleware: stack, routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("OPTIONS /echo HTTP/1.1\r\nHost: x\r\nOrigin: https://site.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n")
            let preflight = try client.readResponse()
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "*")
            #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Idempotency-Key") == true)

            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nOrigin: https://site.example\r\nX-Request-Id: trace-42\r\n\r\n")
            let simple = try client.readResponse()
            #expect(simple.header("Access-Control-Allow-Origin") == "*")
            #expect(simple.header("X-Request-Id") == "trace-42")
        }
    }

    @Test(arguments: [Logger.Format.text, .json])
    func writesOneAccessLinePerRequest(_ format: Logger.Format) throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let logger = Logger(level: .info, format: format, fileDescriptor: ends[1])
        try withServer({ $0.logClientAddress = format == .json }, middleware: [RequestID()], logger: logger,
                       routes: TestRoutes.standard) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /hello/log HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-7\r\n\r\n")
            _ = try client.readResponse()
            try client.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()
        }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(ends[0], &buffer, buffer.count)
        let lines = String(decoding: buffer[0..<max(0, count)], as: UTF8.self).split(separator: "\n").filter { $0.contains("access") }
        #expect(lines.count == 2)
        let first = String(lines.first ?? "")
        switch format {
        case .text:
            #expect(first.contains(" info access method=GET path=/hello/log status=200 bytes=9 us="))
            #expect(first.hasSuffix(" id=req-7"))
        case .json:
            #expect(first.hasPrefix("{\"time\":\""))
            #expect(first.contains(#""level":"info","msg":"access","method":"GET","path":"/hello/log","status":200,"bytes":9,"us":"#))
            #expect(first.contains(#""id":"req-7","client":"127.0.0.1"}"#))
        }
    }
}
