#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The one thread that writes: it owns the writer connection and runs queued jobs with group
/// commit (see `Writer+GroupCommit.swift`).
///
/// `@unchecked Sendable`: `connection` is used only by the writer thread once it starts (and
/// by the job bodies it runs there); everything shared is in `queue` (a Mutex) or atomics.
final class Writer: @unchecked Sendable {
    private struct Queue: ~Copyable {
        var jobs: [any WriteJob] = []
        var isClosing = false
    }

    private enum Next {
        case batch([any WriteJob]), idle, stop
    }

    let connection: Connection
    let maxBatch: Int
    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let threadID = Atomic<UInt>(0)
    /// Group-commit transactions committed or attempted, and jobs run; for metrics and tests.
    let transactions = Atomic<Int>(0)
    let jobsRun = Atomic<Int>(0)

    init(connection: Connection, maxBatch: Int) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
    }

    /// Starts the writer thread.
    func start() throws {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<Writer>.fromOpaque(context).takeRetainedValue().runLoop()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Writer>.fromOpaque(context).release()
            throw SQLiteError(code: .error, message: "cannot start the writer thread (error \(rc))")
        }
        threadID.store(UInt(thread), ordering: .releasing)
    }

    /// True on the writer thread, where waiting for the writer would deadlock.
    var isWriterThread: Bool {
        let thread = threadID.load(ordering: .acquiring)
        return thread != 0 && pthread_equal(pthread_self(), pthread_t(thread)) != 0
    }

    /// Queues a job; the caller then waits on it.
    func submit(_ job: any WriteJob) throws {
        guard !isWriterThread else {
            throw SQLiteError.misuse("Database.write called from inside a write: use the connection it gave you")
        }
        let accepted = queue.withLock { queue in
            guard !queue.isClosing else { return false }
            queue.jobs.append(job)
            return true
        }
        guard accepted else { throw SQLiteError.misuse("database is closed") }
        wake.signal()
    }

    /// Jobs waiting for the writer (not counting the batch running now).
    var queuedJobs: Int {
        queue.withLock { $0.jobs.count }
    }

    /// Lets queued jobs finish, then ends the thread, which closes the connection. Idempotent.
    func close() {
        let wasOpen = queue.withLock { queue in
            defer { queue.isClosing = true }
            return !queue.isClosing
        }
        guard wasOpen else { return }
        wake.signal()
        let thread = pthread_t(threadID.load(ordering: .acquiring))
        if thread == 0 {
            connection.close()
        } else if isWriterThread {
            pthread_detach(thread)  // Closing from a job: the loop ends after this batch.
        } else {
            pthread_join(thread, nil)
        }
    }

    private func runLoop() {
        while true {
            switch nextBatch() {
            case .batch(let batch):
                run(batch)
            case .idle:
                wake.wait()
            case .stop:
                connection.close()
                return
            }
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
        jobsRun.add(batch.count, ordering: .relaxed)
        for job in batch { job.finish() }
    }
}
