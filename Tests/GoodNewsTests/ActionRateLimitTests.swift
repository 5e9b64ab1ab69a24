import GoodNews
import HTTP
import Testing
import Threads

@Suite struct ActionRateLimitTests {
    private func server(rate: Int, burst: Int, trustProxy: Bool = false) throws -> TestServer {
        var configuration = TestServer.defaultConfiguration()
        configuration.actionRatePerMinute = rate
        configuration.actionBurst = burst
        configuration.trustProxy = trustProxy
        return try TestServer(configuration: configuration) { database in
            try CaseFixtures.insertCase(database, slug: "a-case")
        }
    }

    @Test func publicActionsBeyondTheBurstGet429WithRetryAfter() throws {
        let server = try server(rate: 6, burst: 3)
        defer { server.stop() }
        for _ in 0..<3 {
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#).status == 201)
        }
        let limited = try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#)
        #expect(limited.status == 429)
        let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
        #expect((1...10).contains(retryAfter))  // 6 a minute: one every 10 s
        #expect(limited.header("Content-Type") == "application/problem+json")
        #expect(try CaseFixtures.scalar(server.database, "SELECT total FROM case_tallies") == 3)

        // A token holder is not limited.
        let token = try server.makeToken()
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, token: token).status == 201)
    }

    @Test func forwardedForIsUsedOnlyWhenTrusted() throws {
        let untrusted = try server(rate: 60, burst: 1)
        defer { untrusted.stop() }
        let spoofed = [("X-Forwarded-For", "203.0.113.1")]
        #expect(try untrusted.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: spoofed).status == 201)
        let other = [("X-Forwarded-For", "203.0.113.2")]
        #expect(try untrusted.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#, headers: other).status == 429)

        let trusted = try server(rate: 60, burst: 1, trustProxy: true)
        defer { trusted.stop() }
        // The rightmost entry counts (the one the proxy appended); the client-written left part does not.
        for client in ["203.0.113.1", "198.51.100.7, 203.0.113.2"] {
            let response = try trusted.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                            headers: [("X-Forwarded-For", client)])
            #expect(response.status == 201)
        }
        let repeated = try trusted.send("POST", "/v1/cases/a-case/actions", json: #"{"kind":"letter"}"#,
                                        headers: [("X-Forwarded-For", "10.9.9.9, 203.0.113.2")])
        #expect(repeated.status == 429)
    }
}

@Suite struct RateLimiterTests {
    final class Clock: Sendable {
        let now = Locked<Double>(1_000)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        func read() -> Double { now.withLock { $0 } }
    }

    @Test func refillsAtTheRateUpToTheBurst() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 60, burst: 2, clock: { clock.read() })
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == 1)
        #expect(limiter.take("b") == nil)  // addresses are separate
        clock.advance(0.5)
        #expect(limiter.take("a") == 1)
        clock.advance(0.5)
        #expect(limiter.take("a") == nil)
        clock.advance(3_600)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") != nil)
    }

    @Test func retryAfterCoversTheWaitForOneToken() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 2, burst: 1, clock: { clock.read() })
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == 30)
        clock.advance(29.5)
        #expect(limiter.take("a") == 1)
    }

    @Test func idleBucketsAreForgotten() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 60, burst: 5, clock: { clock.read() })
        for index in 0..<100 { _ = limiter.take("10.0.0.\(index)") }
        #expect(limiter.trackedAddresses == 100)
        clock.advance(10)
        _ = limiter.take("10.1.1.1")
        #expect(limiter.trackedAddresses == 1)
    }

    @Test func zeroRateTurnsTheLimitOff() {
        let limiter = RateLimiter(ratePerMinute: 0, burst: 1)
        for _ in 0..<100 { #expect(limiter.take("a") == nil) }
        #expect(!limiter.isEnabled)
    }
}
