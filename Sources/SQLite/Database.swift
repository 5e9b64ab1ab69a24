#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Threads

/// The connection strategy for a multi-threaded server on one WAL database.
///
/// - One writer connection, owned by a dedicated writer thread: every write goes through it,
///   so SQLite never sees two writers and never answers SQLITE_BUSY to a client. Writes that
///   queue up while a transaction commits are committed together (group commit).
/// - A pool of reader connections (`query_only`), lent to one caller at a time. In WAL mode
///   "readers do not block writers and a writer does not block readers", so reads never wait
///   on the writer; a reader waits only when every reader is lent.
///
/// The pool may be smaller than the number of threads that read: a thread that finds every
/// reader lent waits for one. The server's blocking pool (32 threads by default) shares 8 readers
/// (`SQLiteStorage.defaultReaders`); this initialiser's own default, for other callers, is twice
/// the online cores (at least 2). A read waits at most `readerTimeout` (default 5 s) for a free
/// reader, then throws SQLITE_BUSY ("try again").
/// `read`, `write` and `exclusive` block the calling thread: call them from threads allowed to
/// block, not from an event loop.
///
/// Commits made by other processes (another program writing the file, `goodnews import` while the
/// server runs) are noticed by the writer thread, which compares `PRAGMA data_version` on its own
/// connection at most every `changeCheckInterval` (default 500 ms; see `Writer+ExternalChanges.swift`),
/// and reported to the function given to `observeExternalChanges`: whoever keeps answers derived
/// from the data drops them there. This process's own commits are never reported.
public final class Database: Sendable {
    /// The database file.
    public let path: String
    /// The writer's settings as a log line: `journal_mode=wal synchronous=FULL …`.
    public let configurationSummary: String
    private let writer: Writer
    private let readers: ReaderPool
    private let isClosed = Locked(false)

    /// Twice the online cores, at least 2.
    public static var defaultReaderCount: Int {
        max(2, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Opens (creating if needed) the database at `path` in WAL mode, with `readers` reader
    /// connections and a writer thread committing up to `maxBatch` jobs per transaction.
    public init(
        path: String,
        readers: Int = Database.defaultReaderCount,
        synchronous: Synchronous = .full,
        busyTimeout: Duration = .seconds(5),
        maxBatch: Int = 256,
        readerTimeout: Duration = .seconds(5),
        changeCheckInterval: Duration = .milliseconds(500)
    ) throws {
        let connection = try Connection(path: path, mode: .readWriteCreate, busyTimeout: busyTimeout)
        let summary = try connection.configure(
            journalMode: .wal, synchronous: synchronous, foreignKeys: true, busyTimeout: busyTimeout)
        let mode = try connection.journalMode()
        guard mode == JournalMode.wal.rawValue else {
            throw SQLiteError(code: .cantOpen, message: "cannot use WAL mode (journal_mode=\(mode)): \(path)")
        }
        self.path = path
        self.configurationSummary = summary
        self.readers = try ReaderPool(path: path, count: max(1, readers), busyTimeout: busyTimeout,
                                      timeout: readerTimeout)
        self.writer = Writer(connection: connection, maxBatch: maxBatch, changeCheckInterval: changeCheckInterval)
        do {
            try writer.start()
        } catch {
            self.readers.close()
            self.writer.close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Runs `body` on a borrowed reader connection (query_only), waiting up to `readerTimeout` if
    /// all are lent (then SQLITE_BUSY). The connection must not escape `body`.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.read(body)
    }

    /// Runs `body` on the writer thread and blocks until it is committed, returning its result
    /// or error. `body` runs inside the batch's transaction in its own savepoint: it must not
    /// BEGIN, COMMIT or ROLLBACK (its own `transaction`/`savepoint` calls nest as savepoints).
    public func write<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            let job = PendingWrite<T>(isExclusive: false, body: body)
            try writer.submit(job)
            return try job.wait().get()
        }
    }

    /// Runs `body` alone on the writer connection, outside group commit and outside any
    /// transaction (it opens its own): migrations, imports, maintenance. Blocks until done;
    /// a transaction left open is rolled back and reported as an error.
    public func exclusive<T>(_ body: (Connection) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            let job = PendingWrite<T>(isExclusive: true, body: body)
            try writer.submit(job)
            return try job.wait().get()
        }
    }

    /// Writes a consistent copy of the live database to `path`, from a reader's snapshot,
    /// so writes carry on meanwhile.
    public func backup(to path: String) throws {
        try read { try $0.backup(to: path) }
    }

    /// Sets (or, with nil, removes) the function told about commits made by other processes. It runs
    /// on the writer thread, so it must be quick and must not write to this database.
    public func observeExternalChanges(_ observer: (@Sendable () -> Void)?) {
        writer.observeExternalChanges(observer)
    }

    /// Sets (or removes) the function called on the writer thread after every batch of writes, committed
    /// or not, with the writer connection and before the batch's callers return: what keeps state derived
    /// from this process's writes (an index beside the database) current when a write is answered.
    public func observeWriteBatches(_ observer: (@Sendable (Connection) -> Void)?) {
        writer.batchObserver.withLock { $0 = observer.map(Writer.BatchObserver.init) }
    }

    /// Times the writer has compared `data_version` while observed; for tests.
    var externalChangeChecks: Int { writer.changeChecks.load(ordering: .relaxed) }

    /// The number of reader connections.
    public var readerCount: Int { readers.count }

    /// Transactions the writer has run (group commits and exclusive jobs) and jobs run.
    public var writerStatistics: (transactions: Int, jobs: Int) {
        (writer.transactions.load(ordering: .relaxed), writer.jobsRun.load(ordering: .relaxed))
    }

    /// Writes waiting for the writer thread (a queue-depth gauge).
    public var queuedWrites: Int { writer.queuedJobs }

    /// Lets queued writes finish, waits for lent readers, then closes every connection.
    /// Idempotent; later calls to `read` and `write` throw SQLITE_MISUSE.
    public func close() {
        let wasOpen = isClosed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        guard wasOpen else { return }
        writer.close()
        readers.close()
    }
}
