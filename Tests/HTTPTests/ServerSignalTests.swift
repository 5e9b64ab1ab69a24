import Glibc
import HTTP
import Log
import Testing
import Threads

@Suite struct ServerSignalTests {
    /// SIGTERM aimed at the waiting thread only (pthread_kill), so the test process is never at risk.
    @Test func runUntilSignalledShutsDownOnSIGTERM() throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.loopCount = 1
        configuration.poolSize = 1
        var router = Router()
        TestRoutes.standard(&router)
        let server = HTTPServer(configuration: configuration, router: router, middleware: [], logger: Logger(level: .error))
        let waiter = Locked<pthread_t?>(nil)
        let result = Locked<Int32>(0)
        let thread = try PosixThread(name: "test-waiter") {
            waiter.withLock { $0 = pthread_self() }
            let signal = (try? server.runUntilSignalled(grace: .seconds(1))) ?? -1
            result.withLock { $0 = signal }
        }
        var port = 0
        for _ in 0..<200 where port == 0 {
            usleep(10_000)
            port = server.port
        }
        let client = try TestClient(port: port)
        try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "ok")
        let target = try #require(waiter.withLock { $0 })
        pthread_kill(target, SIGTERM)
        thread.join()
        #expect(result.withLock { $0 } == SIGTERM)
        #expect(client.isClosedByServer())
        #expect(server.port == 0)
    }
}
