import GoodNews
import Glibc
import HTTP
import Synchronization
import Threads

/// Request counters and latency histograms per route, kept by a middleware and shown by `GET /metrics`.
///
/// Put it FIRST in the middleware list: then its `willHandle` runs for every request and its `didHandle`
/// for every answer (the responder calls `didHandle` only for middleware whose `willHandle` ran), so the
/// in-flight gauge cannot drift. One short lock per answer: a dictionary update of a few nanoseconds.
/// Durations are from the server's receipt of the request to the finished answer, not the socket write.
public final class Metrics: Middleware {
    /// Upper bounds of the latency buckets, in seconds.
    static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    struct Key: Hashable {
        /// `Method.metricsLabel`: a standard method or `other`, never the client's own token.
        var method: String
        /// The matched pattern (`/v1/posts/{ref}`), never the raw path, so the label set stays bounded.
        var route: String
    }

    struct Series {
        /// Answers by status class: index 1…5 for 1xx…5xx.
        var byClass = [Int](repeating: 0, count: 6)
        var buckets = [Int](repeating: 0, count: Metrics.bucketBounds.count)
        var count = 0
        var sumSeconds = 0.0
    }

    private let series = Locked<[Key: Series]>([:])
    private let inFlight = Atomic<Int>(0)

    public init() {}

    public func willHandle(_ request: inout Request) -> Response? {
        inFlight.add(1, ordering: .relaxed)
        return nil
    }

    public func didHandle(_ request: Request, _ response: inout Response) {
        inFlight.subtract(1, ordering: .relaxed)
        let started = request.receivedAt == 0 ? Metrics.monotonicNanoseconds() : request.receivedAt
        let seconds = Double(Metrics.monotonicNanoseconds() &- started) / 1e9
        let key = Key(method: request.method.metricsLabel, route: request.route.isEmpty ? "unmatched" : request.route)
        let statusClass = min(max(response.status / 100, 1), 5)
        let bucket = Metrics.bucketBounds.firstIndex { seconds <= $0 }
        series.withLock { all in
            all[key, default: Series()].record(statusClass: statusClass, bucket: bucket, seconds: seconds)
        }
    }

    /// Requests being handled right now.
    var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }

    /// A copy of every series, for rendering outside the lock.
    func snapshot() -> [(key: Key, series: Series)] {
        series.withLock { all in all.map { ($0.key, $0.value) } }
            .sorted { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}

extension Metrics.Series {
    mutating func record(statusClass: Int, bucket: Int?, seconds: Double) {
        byClass[statusClass] += 1
        if let bucket { buckets[bucket] += 1 }
        count += 1
        sumSeconds += seconds
    }
}
