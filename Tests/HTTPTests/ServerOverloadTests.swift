import Dispatch
import Glibc
@testable import HTTP
import Synchronization
import Testing

/// Overload answered at once: a full blocking-pool queue, a low descriptor limit.
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

    /// In a child process, since a lowered hard limit cannot be raised again: under a low RLIMIT_NOFILE the
    /// server lowers its cap to fit and refuses with 503, where it used to run out in accept4 and go silent.
    /// The child's exit code names what went wrong (`LowLimitOutcome`).
    @Test func underALowDescriptorLimitTheCapAnswers503() async {
        await #expect(processExitsWith: .exitCode(LowLimitOutcome.refusedAtTheCap.rawValue)) {
            exit(ServerOverloadTests.connectUnderALowLimit().rawValue)
        }
    }

    enum LowLimitOutcome: Int32 {
        case refusedAtTheCap = 0
        case setupFailed = 2
        /// A connection got no answer or no descriptor: the server ran out before its cap.
        case connectionFailed = 3
        /// Refused, but not near the cap that fits, or without closing.
        case refusedElsewhere = 4
        case unexpectedStatus = 5
        case neverRefused = 6
    }

    static func connectUnderALowLimit() -> LowLimitOutcome {
        guard let open = DescriptorLimit.openDescriptors() else { return .setupFailed }
        // The listener, one loop's epoll and eventfd, the server's margin, and six connections.
        let fitting = 6
        let wanted = rlim_t(open + 3 + DescriptorLimit.margin + fitting)
        var limit = rlimit(rlim_cur: wanted, rlim_max: wanted)
        guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return .setupFailed }
        do {
            return try withServer({ $0.loopCount = 1 }, routes: TestRoutes.standard) { server in
                var kept: [TestClient] = []
                // Each connection costs two descriptors here (client and server side): 40 exhaust the limit.
                for _ in 0..<40 {
                    let response: TestResponse
                    let client: TestClient
                    do {
                        client = try TestClient(port: server.port, timeout: 2)
                        try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                        response = try client.readResponse()
                    } catch {
                        return .connectionFailed
                    }
                    if response.status == 503 {
                        // Descriptors the test runner opens or closes meanwhile move the cap by one or two.
                        let nearTheCap = (fitting - 3...fitting + 3).contains(kept.count)
                        return nearTheCap && client.isClosedByServer() ? .refusedAtTheCap : .refusedElsewhere
                    }
                    guard response.status == 200 else { return .unexpectedStatus }
                    kept.append(client)
                }
                return .neverRefused
            }
        } catch {
            return .setupFailed
        }
    }
}
