import Glibc
import Threads

/// Public actions per client address, limited exactly, in memory only (no address is ever written to disk).
///
/// The promise: with a rate of N a minute and a burst of B (clamped to 1…N), an address never gets more than
/// N actions accepted in any 60-second window, nor more than B in any window of 60·B/N seconds (windows are
/// half-open, `[t, t + length)`). A token bucket cannot keep the first (it lets B + N through in the first
/// minute), so each address keeps a log of its acceptance times within the last minute, oldest first: an
/// action is accepted when the log holds fewer than N times, and fewer than B within the last 60·B/N seconds.
///
/// Bounds: N is at most `maxRate` (1,000), so a log holds at most 1,000 times (8 bytes each), and only times
/// of the last minute. A log whose newest time is a minute old says nothing and is swept (once a minute, and
/// when the table is full). At most `maxAddresses` addresses are tracked (default 100,000). When the table
/// is full of live logs, a new address is refused (`.full`, answered 503 with `Retry-After`) instead of
/// evicting someone else's log: eviction would let a client reset others' limits just by sending from many
/// addresses. Worst case: `maxAddresses` × N × 8 bytes plus about 100 bytes per address; in practice far
/// less, since every time logged is an action accepted (and written to the database) within the minute.
public final class RateLimiter: Sendable {
    /// The largest rate accepted; larger settings are clamped to it (the memory bound above depends on it).
    public static let maxRate = 1_000

    public enum Decision: Equatable, Sendable {
        /// Counted; hand the ticket back to `refund` should the action turn out not to be public after all.
        case allowed(Ticket)
        /// Over this address's limit: retry after this many whole seconds (1…60).
        case limited(retryAfter: Int)
        /// Every tracked address has a live log: retry after this many whole seconds (1…60).
        case full(retryAfter: Int)
    }

    /// One accepted action: which log it is in, and its time there.
    public struct Ticket: Equatable, Sendable {
        let address: String
        let time: Double
    }

    private struct State {
        var logs: [String: [Double]] = [:]
        var nextSweep: Double = 0
        /// Sweeps when full are at most one a second, so new addresses cannot make every request walk the table.
        var nextFullSweep: Double = 0
        /// When the first log of a full table expires (from the last sweep).
        var earliestExpiry: Double = 0
    }

    public let ratePerMinute: Int
    public let burst: Int
    public let maxAddresses: Int
    private let burstWindow: Double
    private let state = Locked(State())
    /// Injected for tests; monotonic seconds, never decreasing.
    private let clock: @Sendable () -> Double

    static let window: Double = 60

    /// `ratePerMinute` 0 turns the limit off; it is clamped to `maxRate`, `burst` to 1…rate.
    public init(ratePerMinute: Int, burst: Int, maxAddresses: Int = 100_000,
                clock: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        let rate = min(max(0, ratePerMinute), RateLimiter.maxRate)
        self.ratePerMinute = rate
        self.burst = min(max(1, burst), max(1, rate))
        self.maxAddresses = max(1, maxAddresses)
        burstWindow = rate > 0 ? RateLimiter.window * Double(self.burst) / Double(rate) : 0
        self.clock = clock
    }

    public var isEnabled: Bool { ratePerMinute > 0 }

    /// Counts one action for `address` if its limits allow it now.
    public func take(_ address: String) -> Decision {
        guard isEnabled else { return .allowed(Ticket(address: address, time: 0)) }
        let now = clock()
        return state.withLock { state in
            if now >= state.nextSweep {
                sweep(&state, now: now)
                state.nextSweep = now + RateLimiter.window
            }
            guard var log = state.logs.removeValue(forKey: address) else {
                if state.logs.count >= maxAddresses {
                    if now >= state.nextFullSweep {
                        sweep(&state, now: now)
                        state.nextFullSweep = now + 1
                    }
                    if state.logs.count >= maxAddresses {
                        return .full(retryAfter: RateLimiter.seconds(state.earliestExpiry - now))
                    }
                }
                state.logs[address] = [now]
                return .allowed(Ticket(address: address, time: now))
            }
            // Every comparison is on an age, `now - time`, so the check and the pruning agree to the last bit.
            log.removeFirst(log.prefix { now - $0 >= RateLimiter.window }.count)
            var wait = 0.0
            if log.count >= ratePerMinute { wait = RateLimiter.window - (now - log[log.count - ratePerMinute]) }
            if log.count >= burst, now - log[log.count - burst] < burstWindow {
                wait = max(wait, burstWindow - (now - log[log.count - burst]))
            }
            guard wait <= 0 else {
                state.logs[address] = log
                return .limited(retryAfter: RateLimiter.seconds(wait))
            }
            log.append(now)
            state.logs[address] = log
            return .allowed(Ticket(address: address, time: now))
        }
    }

    /// Takes back an action that `take` counted (it was not public after all: a valid admin token).
    public func refund(_ ticket: Ticket) {
        guard isEnabled else { return }
        state.withLock { state in
            guard var log = state.logs[ticket.address], let index = log.lastIndex(of: ticket.time) else { return }
            log.remove(at: index)
            state.logs[ticket.address] = log.isEmpty ? nil : log
        }
    }

    /// Addresses currently tracked (for tests and metrics).
    public var trackedAddresses: Int { state.withLock { $0.logs.count } }

    /// Forgets logs whose newest time is a minute old, and notes when the next remaining one will be.
    private func sweep(_ state: inout State, now: Double) {
        var earliest = Double.infinity
        state.logs = state.logs.filter { _, log in
            guard let newest = log.last, now - newest < RateLimiter.window else { return false }
            earliest = min(earliest, newest + RateLimiter.window)
            return true
        }
        state.earliestExpiry = earliest
    }

    /// A wait as whole seconds for `Retry-After`: rounded up, 1 to 60.
    private static func seconds(_ wait: Double) -> Int {
        guard wait.isFinite else { return Int(window) }
        return Int(min(max(wait, 1), window).rounded(.up))
    }

    @Sendable public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
