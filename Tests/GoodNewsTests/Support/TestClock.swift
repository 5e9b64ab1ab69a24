import GoodNews
import Threads

/// The server's time in a test: the real time plus an offset the test moves forward, so a test that
/// waits for a scheduled post or an expiry advances the clock instead of sleeping.
final class TestClock: Sendable {
    private let offset = Locked<Int64>(0)

    var wallClock: WallClock {
        WallClock { [self] in Timestamp(seconds: Timestamp.now().seconds + offset.withLock { $0 }) }
    }

    func advance(seconds: Int64) {
        offset.withLock { $0 += seconds }
    }
}
