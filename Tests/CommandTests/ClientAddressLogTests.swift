import Glibc
import HTTP
import Log
import Testing
@testable import goodnews

/// `--log-client-addr` from the command line to the access log: the address is there only when it is on.
struct ClientAddressLogTests {
    @Test(arguments: [true, false])
    func accessLineShowsTheClientOnlyWhenAsked(_ on: Bool) throws {
        let arguments = ["--addr", "127.0.0.1:0", "--loops", "1", "--pool", "2"] + (on ? ["--log-client-addr"] : [])
        let settings = try ServeSettings(Serve.parse(arguments))
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        var router = Router()
        router.get("/healthz") { _ in .now(Response(status: 200, contentType: "text/plain", bytes: Array("ok".utf8))) }
        let server = HTTPServer(configuration: settings.server, router: router, middleware: [],
                                logger: Logger(level: .info, format: .text, fileDescriptor: ends[1]))
        try server.start()
        try Self.get("/healthz", port: server.port)
        server.shutdown(grace: .seconds(2))

        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(ends[0], &buffer, buffer.count)
        let access = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
            .split(separator: "\n").filter { $0.contains(" access ") }
        #expect(access.count == 1)
        #expect(access.first?.contains("client=127.0.0.1") == on)
    }

    /// One request on a fresh connection, read until the server closes it.
    static func get(_ path: String, port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        #expect(send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while recv(fd, &chunk, chunk.count, 0) > 0 {}
    }
}
