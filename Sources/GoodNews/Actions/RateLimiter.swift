import Glibc
import Threads

/// Token buckets per client address, in memory only (no address is ever written to disk).
///
/// Each address may take `burst` actions at once and then `ratePerMinute` a minute. A bucket that has
/// refilled completely holds no information, so buckets idle that long are swept away now and then:
/// memory follows the addresses active within the last `burst / rate` minutes.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private struct State {
        var buckets: [String: Bucket] = [:]
        var nextSweep: Double = 0
    }

    public let ratePerMinute: Int
    public let burst: Int
    private let perSecond: Double
    private let state = Locked(State())
    /// Injected for tests; monotonic seconds.
    private let clock: @Sendable () -> Double

    /// `ratePerMinute` 0 turns the limit off.
    public init(ratePerMinute: Int, burst: Int, clock: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.ratePerMinute = max(0, ratePerMinute)
        self.burst = max(1, burst)
        self.perSecond = Double(max(0, ratePerMinute)) / 60
        self.clock = clock
    }

    public var isEnabled: Bool { ratePerMinute > 0 }

    /// Takes one token for `address`: nil when allowed, else the whole seconds to wait (≥ 1).
    public func take(_ address: String) -> Int? {
        guard isEnabled else { return nil }
        let now = clock()
        return state.withLock { state in
            if now >= state.nextSweep { sweep(&state, now: now) }
            var bucket = state.buckets[address] ?? Bucket(tokens: Double(burst), updated: now)
            bucket.tokens = min(Double(burst), bucket.tokens + (now - bucket.updated) * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                state.buckets[address] = bucket
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            state.buckets[address] = bucket
            return nil
        }
    }

    /// Buckets currently held (for tests and metrics).
    public var trackedAddresses: Int { state.withLock { $0.buckets.count } }

    private func sweep(_ state: inout State, now: Double) {
        let refillTime = Double(burst) / perSecond
        state.buckets = state.buckets.filter { now - $0.value.updated < refillTime }
        state.nextSweep = now + max(1, min(refillTime, 60))
    }

    @Sendable public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
