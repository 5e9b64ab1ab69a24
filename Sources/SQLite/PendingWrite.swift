import Dispatch

/// A job for the writer thread, type-erased so one queue holds jobs of every result type.
protocol WriteJob: AnyObject, Sendable {
    /// Exclusive jobs run alone, outside group commit and outside any transaction.
    var isExclusive: Bool { get }
    /// Runs the body (once) and keeps its result; true when it returned without throwing.
    func run(on connection: Connection) -> Bool
    /// The job's error, once it has failed.
    var error: (any Error)? { get }
    /// Replaces a success (or a job that never ran) with `error`; a job's own error is kept.
    func fail(_ error: any Error)
    /// Wakes the submitter.
    func finish()
}

/// One submitted write and its result.
///
/// `@unchecked Sendable`: the submitter blocks in `wait()` from submission until the writer
/// thread calls `finish()`, so `body`, the connection it is given and `result` are never used
/// by two threads at once, and the semaphore orders the writer's stores before the reads.
final class PendingWrite<T>: WriteJob, @unchecked Sendable {
    let isExclusive: Bool
    private var body: ((Connection) throws -> T)?
    private var result: Result<T, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    init(isExclusive: Bool, body: @escaping (Connection) throws -> T) {
        self.isExclusive = isExclusive
        self.body = body
    }

    func run(on connection: Connection) -> Bool {
        guard let body else { return false }
        // Dropped before `finish()`: the submitter's `withoutActuallyEscaping` checks that the
        // closure did not outlive the call.
        self.body = nil
        do {
            result = .success(try body(connection))
            return true
        } catch {
            result = .failure(error)
            return false
        }
    }

    var error: (any Error)? {
        if case .failure(let error) = result { return error }
        return nil
    }

    func fail(_ error: any Error) {
        body = nil
        if case .failure = result { return }
        result = .failure(error)
    }

    func finish() {
        finished.signal()
    }

    /// Blocks until the writer has finished with this job.
    func wait() -> Result<T, any Error> {
        finished.wait()
        return result ?? .failure(SQLiteError.misuse("write job finished without running"))
    }
}
