import Dispatch
import Threads

/// Commits made by other processes (`goodnews import`, `goodnews token create`, any program writing the file).
///
/// sqlite.org (pragma.html#pragma_data_version): "The integer values returned by two invocations of
/// "PRAGMA data_version" from the same connection will be different if changes were committed to the
/// database by any other connection in the interim. The "PRAGMA data_version" value is unchanged for
/// commits made on the same database connection." The writer asks its own connection: every commit of
/// this process is made on it (readers are `query_only`), so a change of value means another process
/// committed. It asks at most once per `changeCheckInterval`: after the batch that ends an interval, or
/// when the interval ends while it waits for work, so a commit elsewhere is noticed within about one
/// interval whether the writer is idle or busy.
extension Writer {
    /// Sets the function called (on the writer thread) after another process committed.
    func observeExternalChanges(_ observer: (@Sendable () -> Void)?) {
        changeObserver.withLock { $0 = observer.map(ChangeObserver.init) }
    }

    func startWatchingChanges() {
        dataVersion = try? connection.dataVersion()
        nextChangeCheck = MonotonicClock.now() &+ changeCheckInterval
    }

    /// When the next check is due, for an idle writer's wait.
    var nextChangeCheckTime: DispatchTime {
        let now = MonotonicClock.now()
        return .now() + .nanoseconds(nextChangeCheck > now ? Int(clamping: nextChangeCheck - now) : 0)
    }

    /// Compares `data_version` with the last value seen once the interval is over, and tells the
    /// observer when it moved. A failed read is reported as a change: dropping what was derived from
    /// the data is always safe, keeping it may not be.
    func checkForExternalChanges() {
        let now = MonotonicClock.now()
        guard now >= nextChangeCheck else { return }
        nextChangeCheck = now &+ changeCheckInterval
        guard let observer = changeObserver.withLock({ $0 }) else { return }
        let version = try? connection.dataVersion()
        changeChecks.add(1, ordering: .relaxed)
        guard version == nil || version != dataVersion else { return }
        dataVersion = version
        observer.call()
    }
}
