/// Where the domain and the API read the time of day: publication times, cache expiry, `created_at`.
///
/// Services and routes take one instead of calling `Timestamp.now()`, so a test sets the time (a
/// scheduled post going live, a cached answer expiring) instead of sleeping until it comes.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Timestamp

    public init(_ read: @escaping @Sendable () -> Timestamp) { self.read = read }

    /// The system's real-time clock.
    public static let system = WallClock { Timestamp.now() }

    public func now() -> Timestamp { read() }

    /// `now().seconds`: what the stores and the answer cache compare.
    public var seconds: Int64 { read().seconds }
}
