import Dispatch
import Synchronization
import Threads

/// The one thread that writes: it owns the writer connection and runs queued jobs with group
/// commit (see `Writer+GroupCommit.swift`), and looks for commits made by other processes
/// (see `Writer+ExternalChanges.swift`).
///
/// `@unchecked Sendable`: `connection`, `dataVersion` and `nextChangeCheck` are used only by the
/// writer thread once it starts (and by the job bodies it runs there); everything shared is in a
/// lock (`queue`, `changeObserver`) or atomic.
final class Writer: @unchecked Sendable {
    private struct Queue: ~Copyable {
        var jobs: [any WriteJob] = []
        var isClosing = false
        var thread: PosixThread?
    }

    private enum Next {
        case batch([any WriteJob]), idle, stop
    }

    let connection: Connection
    let maxBatch: Int
    private let queue = Locked(Queue())
    private let wake = DispatchSemaphore(value: 0)
    /// Group-commit transactions committed or attempted, and jobs run; for metrics and tests.
    let transactions = Atomic<Int>(0)
    let jobsRun = Atomic<Int>(0)

    // Commits by other processes (`Writer+ExternalChanges.swift`).
    let changeCheckInterval: UInt64
    /// Boxed, not a bare function in `Locked`: lending a function value `inout` through the generic lock
    /// wraps it in another pair of reabstraction thunks on every access, so calls grow ever deeper.
    struct ChangeObserver { let call: @Sendable () -> Void }
    let changeObserver = Locked<ChangeObserver?>(nil)
    /// Checks of `PRAGMA data_version` made; for tests.
    let changeChecks = Atomic<Int>(0)
    var dataVersion: Int64?
    var nextChangeCheck: UInt64 = 0

    /// Told after each batch, on this thread with the writer connection, before its jobs return.
    struct BatchObserver { let call: @Sendable (Connection) -> Void }
    let batchObserver = Locked<BatchObserver?>(nil)

    init(connection: Connection, maxBatch: Int, changeCheckInterval: Duration) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
        self.changeCheckInterval = max(1_000_000, changeCheckInterval.nanoseconds)
    }

    /// Starts the writer thread.
    func start() throws {
        let thread: PosixThread
        do {
            thread = try PosixThread(name: "sqlite-writer") { [self] in runLoop() }
        } catch {
            throw SQLiteError(code: .error, message: "cannot start the writer thread: \(error)")
        }
        queue.withLock { $0.thread = thread }
    }

    /// Queues a job; the caller then waits on it.
    func submit(_ job: any WriteJob) throws {
        let refusal: SQLiteError? = queue.withLock { queue in
            if queue.thread?.isCurrent == true {
                // Waiting for the writer from the writer would deadlock.
                return .misuse("Database.write called from inside a write: use the connection it gave you")
            }
            guard !queue.isClosing else { return .misuse("database is closed") }
            queue.jobs.append(job)
            return nil
        }
        if let refusal { throw refusal }
        wake.signal()
    }

    /// Jobs waiting for the writer (not counting the batch running now).
    var queuedJobs: Int {
        queue.withLock { $0.jobs.count }
    }

    /// Lets queued jobs finish, then ends the thread, which closes the connection. Idempotent.
    func close() {
        let (wasOpen, thread) = queue.withLock { queue in
            defer { queue.isClosing = true }
            return (!queue.isClosing, queue.thread)
        }
        guard wasOpen else { return }
        wake.signal()
        if let thread {
            // Closing from a job: the loop ends after this batch.
            if thread.isCurrent { thread.detach() } else { thread.join() }
        } else {
            connection.close()
        }
    }

    private func runLoop() {
        startWatchingChanges()
        while true {
            switch nextBatch() {
            case .batch(let batch):
                run(batch)
            case .idle:
                _ = wake.wait(timeout: nextChangeCheckTime)
            case .stop:
                connection.close()
                return
            }
            checkForExternalChanges()
        }
    }

    /// Takes every queued job up to `maxBatch`, stopping before an exclusive one, which is
    /// taken alone.
    private func nextBatch() -> Next {
        queue.withLock { queue in
            guard let first = queue.jobs.first else { return queue.isClosing ? .stop : .idle }
            var count = 1
            if !first.isExclusive {
                while count < min(maxBatch, queue.jobs.count), !queue.jobs[count].isExclusive {
                    count += 1
                }
            }
            let batch = Array(queue.jobs.prefix(count))
            queue.jobs.removeFirst(count)
            return .batch(batch)
        }
    }

    private func run(_ batch: [any WriteJob]) {
        if batch.count == 1, batch[0].isExclusive {
            runExclusive(batch[0])
        } else {
            runGroup(batch)
        }
        if let observer = batchObserver.withLock({ $0 }) { observer.call(connection) }
        jobsRun.add(batch.count, ordering: .relaxed)
        for job in batch { job.finish() }
    }
}
