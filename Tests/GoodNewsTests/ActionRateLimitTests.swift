@testable import API
import GoodNews
import HTTP
import Testing
import Threads

@Suite struct ActionRateLimitTests {
    private func server(rate: Int, burst: Int, trustProxy: Bool = false) throws -> TestServer {
        var configuration = TestServer.defaultConfiguration()
        configuration.tokenCacheSeconds = 3_600  // a token once checked stays known for the whole test
        configuration.actionRatePerMinute = rate
        configuration.actionBurst = burst
        configuration.trustProxy = trustProxy
        return try TestServer(configuration: configuration) { database in
            try CaseFixtures.insertCase(database, slug: "a-case")
        }
    }

    private static let letter = #"{"kind":"letter"}"#

    @Test func publicActionsBeyondTheBurstGet429WithRetryAfter() throws {
        let server = try server(rate: 6, burst: 3)
        defer { server.stop() }
        let token = try server.makeToken()
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter, token: token).status == 201)
        for _ in 0..<3 {
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status == 201)
        }
        let limited = try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter)
        #expect(limited.status == 429)
        let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
        #expect((1...30).contains(retryAfter))  // 6 a minute, 3 at once: at most 3 in any 30 s
        #expect(limited.header("Content-Type") == "application/problem+json")
        #expect(try CaseFixtures.scalar(server, "SELECT total FROM case_tallies") == 4)

        // A known token holder is not limited. (An unknown token at a limited address waits like the public:
        // checking it first would let a flood of bad tokens through to the database.)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter, token: token).status == 201)
    }

    /// Issue 8: with a rate of 5 a minute, 10 actions at once (the burst default) got through.
    @Test func fiveAMinuteLetsFiveThroughNotTheBurst() throws {
        let server = try server(rate: 5, burst: 10)
        defer { server.stop() }
        let statuses = try (0..<10).map { _ in
            try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status
        }
        #expect(statuses == Array(repeating: 201, count: 5) + Array(repeating: 429, count: 5))
        #expect(try CaseFixtures.scalar(server, "SELECT total FROM case_tallies") == 5)
    }

    /// Issue 8: a bogus `Authorization` header skipped the limit, and the body was parsed before the token
    /// was checked. Now a bad token counts against the address and is a 401 before the body is read (the
    /// body here is not even JSON), then a 429 like any other action over the limit.
    @Test func badTokensCountAgainstTheLimitAndAreRefusedBeforeTheBody() throws {
        let server = try server(rate: 3, burst: 3)
        defer { server.stop() }
        for header in ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer gn_\(String(repeating: "x", count: 300))"] {
            let response = try server.request("POST", "/v1/cases/a-case/actions",
                                              headers: [("Content-Type", "application/json"), ("Authorization", header)],
                                              body: "{ not json")
            #expect(response.status == 401, "\(header)")
            #expect(response.header("WWW-Authenticate") == "Bearer realm=\"goodnews\"")
        }
        let flooded = try server.request("POST", "/v1/cases/a-case/actions",
                                         headers: [("Content-Type", "application/json"),
                                                   ("Authorization", "Bearer another-guess")], body: "{ not json")
        #expect(flooded.status == 429)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status == 429)
        #expect(try CaseFixtures.scalar(server, "SELECT count(*) FROM actions") == 0)
    }

    /// A valid token is checked after the address was counted (the token was not known yet), and the count
    /// is given back: admins never use up the public allowance.
    @Test func aValidTokenGivesItsCountBack() throws {
        let server = try server(rate: 2, burst: 2)
        defer { server.stop() }
        let token = try server.makeToken()
        for _ in 0..<3 {
            #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter, token: token).status == 201)
        }
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status == 201)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status == 201)
        #expect(try server.send("POST", "/v1/cases/a-case/actions", json: Self.letter).status == 429)
    }

    @Test func forwardedForIsUsedOnlyWhenTrusted() throws {
        let untrusted = try server(rate: 60, burst: 1)
        defer { untrusted.stop() }
        let spoofed = [("X-Forwarded-For", "203.0.113.1")]
        #expect(try untrusted.send("POST", "/v1/cases/a-case/actions", json: Self.letter, headers: spoofed).status == 201)
        let other = [("X-Forwarded-For", "203.0.113.2")]
        #expect(try untrusted.send("POST", "/v1/cases/a-case/actions", json: Self.letter, headers: other).status == 429)

        let trusted = try server(rate: 60, burst: 1, trustProxy: true)
        defer { trusted.stop() }
        // The rightmost entry counts (the one the proxy appended); the client-written left part does not.
        for client in ["203.0.113.1", "198.51.100.7, 203.0.113.2"] {
            let response = try trusted.send("POST", "/v1/cases/a-case/actions", json: Self.letter,
                                            headers: [("X-Forwarded-For", client)])
            #expect(response.status == 201)
        }
        let repeated = try trusted.send("POST", "/v1/cases/a-case/actions", json: Self.letter,
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

    /// A small seeded generator (SplitMix64), so a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func allowed(_ decision: RateLimiter.Decision) -> Bool {
        if case .allowed = decision { return true }
        return false
    }

    private func retryAfter(_ decision: RateLimiter.Decision) -> Int? {
        if case .limited(let seconds) = decision { return seconds }
        return nil
    }

    /// The promise, over random arrivals (bursts, trickles, pauses): no 60-second window ever holds more
    /// than N accepted actions, no window of 60·B/N seconds more than B; and the limiter is not stricter
    /// than that: a refused action's Retry-After is long enough.
    @Test(arguments: [(5, 10), (5, 5), (60, 10), (7, 3), (1, 1), (1_000, 100), (13, 1)])
    func noWindowEverHoldsMoreThanTheRate(rate: Int, burst: Int) {
        var random = SeededGenerator(state: UInt64(rate * 1_000 + burst))
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: rate, burst: burst, clock: { clock.read() })
        let clampedBurst = min(burst, rate)
        let burstWindow = 60 * Double(clampedBurst) / Double(rate)
        var accepted: [Double] = []
        for _ in 0..<20_000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4: break  // at the same instant
            case 4..<8: clock.advance(Double.random(in: 0..<1, using: &random))
            case 8: clock.advance(Double.random(in: 0..<30, using: &random))
            default: clock.advance(Double.random(in: 59.9..<60.1, using: &random))
            }
            if allowed(limiter.take("a")) { accepted.append(clock.read()) }
        }
        var start = 0, burstStart = 0, worst = 0, worstBurst = 0
        for (end, time) in accepted.enumerated() {
            while time - accepted[start] >= 60 { start += 1 }
            while time - accepted[burstStart] >= burstWindow { burstStart += 1 }
            worst = max(worst, end - start + 1)
            worstBurst = max(worstBurst, end - burstStart + 1)
        }
        #expect(worst <= rate, "\(worst) accepted within 60 s")
        #expect(worstBurst <= clampedBurst, "\(worstBurst) accepted within \(burstWindow) s")

        // Waiting the advertised time is enough.
        for _ in 0..<200 {
            clock.advance(Double.random(in: 0..<0.5, using: &random))
            if let seconds = retryAfter(limiter.take("b")) {
                clock.advance(Double(seconds))
                #expect(allowed(limiter.take("b")))
            }
        }
    }

    @Test func theBurstIsClampedToTheRateAndTheRateToItsCap() {
        #expect(RateLimiter(ratePerMinute: 5, burst: 10).burst == 5)
        #expect(RateLimiter(ratePerMinute: 60, burst: 0).burst == 1)
        #expect(RateLimiter(ratePerMinute: 50_000, burst: 10).ratePerMinute == RateLimiter.maxRate)
    }

    @Test func retryAfterCoversTheWait() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 2, burst: 1, clock: { clock.read() })
        #expect(allowed(limiter.take("a")))
        #expect(retryAfter(limiter.take("a")) == 30)  // one per 30 s
        clock.advance(29.5)
        #expect(retryAfter(limiter.take("a")) == 1)
        clock.advance(0.5)
        #expect(allowed(limiter.take("a")))
        #expect(allowed(limiter.take("b")))  // addresses are separate
        #expect(retryAfter(limiter.take("a")) == 30)  // two in the last 60 s (and one in the last 30 s)
        clock.advance(29.5)
        #expect(retryAfter(limiter.take("a")) == 1)
        clock.advance(0.5)
        #expect(allowed(limiter.take("a")))  // the first is a minute old

        let whole = RateLimiter(ratePerMinute: 2, burst: 2, clock: { clock.read() })
        #expect(allowed(whole.take("a")) && allowed(whole.take("a")))
        #expect(retryAfter(whole.take("a")) == 60)
    }

    @Test func aRefundedTicketFreesItsPlace() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 1, burst: 1, clock: { clock.read() })
        guard case .allowed(let ticket) = limiter.take("a") else { Issue.record("refused"); return }
        #expect(!allowed(limiter.take("a")))
        limiter.refund(ticket)
        #expect(allowed(limiter.take("a")))
    }

    @Test func idleLogsAreForgotten() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 60, burst: 5, clock: { clock.read() })
        for index in 0..<100 { _ = limiter.take("10.0.0.\(index)") }
        #expect(limiter.trackedAddresses == 100)
        clock.advance(61)
        _ = limiter.take("10.1.1.1")
        #expect(limiter.trackedAddresses == 1)
    }

    /// A full table refuses new addresses (503) rather than evicting anyone's log: sending from many
    /// addresses cannot reset another client's limit.
    @Test func aFullTableRefusesNewAddressesAndKeepsOthersLimits() {
        let clock = Clock()
        let limiter = RateLimiter(ratePerMinute: 1, burst: 1, maxAddresses: 3, clock: { clock.read() })
        for address in ["a", "b", "c"] { #expect(allowed(limiter.take(address))) }
        guard case .full(let seconds) = limiter.take("d") else { Issue.record("not full"); return }
        #expect((1...60).contains(seconds))
        clock.advance(30)
        #expect(limiter.take("e") == .full(retryAfter: 30))
        #expect(retryAfter(limiter.take("a")) == 30)  // still limited: nothing was evicted
        clock.advance(30)
        #expect(allowed(limiter.take("d")))  // the logs expired and were swept
        #expect(limiter.trackedAddresses == 1)
    }

    @Test func zeroRateTurnsTheLimitOff() {
        let limiter = RateLimiter(ratePerMinute: 0, burst: 1)
        for _ in 0..<100 { #expect(allowed(limiter.take("a"))) }
        #expect(!limiter.isEnabled)
    }
}
