import Threads
/// Blocks until `countDown` was called `count` times.
final class Countdown: @unchecked Sendable {
    // @unchecked: `remaining` is read and written only with `lock` held.
    private var remaining: Int
    private let lock = ConditionLock()

    init(_ count: Int) { remaining = count }

    func countDown() {
        lock.withLock {
            remaining -= 1
            lock.broadcast()
        }
    }

    func wait() {
        lock.withLock {
            while remaining > 0 { lock.wait() }
        }
    }
}
