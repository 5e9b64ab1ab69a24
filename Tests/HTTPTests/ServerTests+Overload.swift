import Dispatch
import Glibc
import HTTP
import Synchronization
import Testing

/// Overload answered at once.
@Suite struct ServerOverloadTests {
    final class Probe: Sendable {
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let runs = Atomic<Int>(0)
    }

    @Test func aFullPoolQueueIsAnswered503AtOnceAndTheWorkNeverRuns() throws {
        let probe = Probe()
        try withServer({
            $0.poolSize = 1
            $0.maxQueuedJobs = 1
        }, routes: { router in
            TestRoutes.standard(&router)
            router.get("/blocking") { _ in
                .later {
                    probe.runs.add(1, ordering: .relaxed)
                    probe.started.signal()
                    probe.gate.wait()
                    return TestRoutes.text("done")
                }
            }
        }) { server in
            // Whatever happens below, the pool thread must not stay blocked past the test.
            defer { for _ in 0..<3 { probe.gate.signal() } }
            let running = try TestClient(port: server.port)
            try running.send("GET /blocking HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(probe.started.wait(timeout: .now() + 5) == .success)

            // The one pool thread is held: one of these two queues, the other finds the queue full.
            let others = try (0..<2).map { _ in try TestClient(port: server.port) }
            for client in others { try client.send("GET /blocking HTTP/1.1\r\nHost: x\r\n\r\n") }
            let answered = TestClient.readable(others, expected: 1, timeout: 5000)
            try #require(answered.count == 1)
            let refusedIndex = try #require(answered.first)
            let refused = try others[refusedIndex].readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.header("Content-Type") == "application/problem+json")
            #expect(probe.runs.load(ordering: .relaxed) == 1)
            // The refusal leaves the connection usable.
            try others[refusedIndex].send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try others[refusedIndex].readResponse().text == "ok")

            probe.gate.signal()
            #expect(try running.readResponse().text == "done")
            #expect(probe.started.wait(timeout: .now() + 5) == .success)
            probe.gate.signal()
            #expect(try others[1 - refusedIndex].readResponse().text == "done")
            #expect(probe.runs.load(ordering: .relaxed) == 2)
        }
    }
}
