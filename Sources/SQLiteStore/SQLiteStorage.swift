import GoodNews
import Migrations
import SQLite
import Threads

/// `Storage` on one SQLite file (`Database`: one writer thread with group commit, a pool of readers).
///
/// The commit hook fires after `write` and `batch` return from a commit that changed something (what
/// the stores noted), and for every commit of another process (the writer notices those by
/// `PRAGMA data_version`; `Writer+ExternalChanges.swift`). SQLite errors leave through `domainError`,
/// so no caller above this module sees an `SQLiteError`.
public final class SQLiteStorage: Storage {
    public let database: Database
    /// The migrations this build expects applied (`isSchemaCurrent`).
    public let migrations: [Migration]
    /// In a struct, not as a bare function value: a function stored in a generic container (`Locked`'s
    /// `Value`) is re-wrapped in a pair of reabstraction thunks each time `withLock` lends it `inout`, so
    /// every commit made the next call one pair deeper (W5 fell from 9,000 to 1,000 actions/s).
    private struct Observer { let call: @Sendable (StorageChanges) -> Void }
    private let observer = Locked<Observer?>(nil)
    /// Ranks post searches once started (`startSearchIndex`); `serve` starts it, one-shot commands do not.
    private let postIndex = Locked<PostSearchIndex?>(nil)

    public init(database: Database, migrations: [Migration] = []) {
        self.database = database
        self.migrations = migrations
    }

    /// Reader connections every command opens: as many as the server's pool has threads (32), so no
    /// handler waits for one. With 8, the 24 other threads queued on the readers' semaphore, and a
    /// thread that had just given one back took it again first: W7's p99 was 171 ms against 75 ms.
    /// `Database.defaultReaderCount` stays the wrapper's default for other callers.
    public static let defaultReaders = 32

    /// Opens the file the way every command does (WAL, durable writer) and applies pending migrations from
    /// `migrationsDirectory`; `log` hears what was applied and the writer's settings.
    public static func open(path: String, migrationsDirectory: String, readers: Int = SQLiteStorage.defaultReaders,
                            log: (String) -> Void) throws -> SQLiteStorage {
        let migrations = try Migration.load(directory: migrationsDirectory)
        let database = try Database(path: path, readers: readers, synchronous: .full)
        do {
            let applied = try database.exclusive { connection in
                try Migrator(connection: connection).apply(migrations)
            }
            for migration in applied { log("applied migration \(migration.fileName)") }
            log("database \(path): \(database.configurationSummary)")
        } catch {
            database.close()
            throw error
        }
        return SQLiteStorage(database: database, migrations: migrations)
    }

    public func close() {
        onCommit(nil)
        postIndex.withLock { $0?.close() }
        database.close()
    }

    /// Builds the in-memory search index and keeps it current from now on (`PostSearchIndex`).
    public func startSearchIndex(log: (String) -> Void) throws {
        guard postIndex.withLock({ $0 }) == nil else { return }
        let index = try translating { try PostSearchIndex(database: database, log: log) }
        postIndex.withLock { $0 = index }
        if observer.withLock({ $0 }) != nil { observeExternalChanges() }
    }

    var searchIndex: PostSearchIndex? { postIndex.withLock { $0 } }

    public func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        let index = searchIndex
        return try translating { try database.read { try body(SQLiteTransaction($0, searchIndex: index)) } }
    }

    public func snapshot<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try translating {
            try database.read { connection in
                try connection.transaction(.deferred) { try body(SQLiteTransaction(connection, searchIndex: searchIndex)) }
            }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StorageTransaction) throws -> T) throws -> T {
        let (value, changes) = try translating {
            try database.write { connection in
                let tx = SQLiteTransaction(connection, searchIndex: nil)
                return (try body(tx), tx.changes)
            }
        }
        committed(changes)
        return value
    }

    public func batch<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        let (value, changes) = try translating {
            try database.exclusive { connection in
                try connection.transaction(.immediate) {
                    let tx = SQLiteTransaction(connection, searchIndex: nil)
                    return (try body(tx), tx.changes)
                }
            }
        }
        committed(changes)
        return value
    }

    public func onCommit(_ observer: (@Sendable (StorageChanges) -> Void)?) {
        self.observer.withLock { $0 = observer.map(Observer.init) }
        if observer == nil {
            database.observeExternalChanges(nil)
        } else {
            observeExternalChanges()
        }
    }

    private func observeExternalChanges() {
        let index = searchIndex
        database.observeExternalChanges { [weak self] in
            index?.rebuild()
            self?.committed(.all)
        }
    }

    public func isSchemaCurrent() throws -> Bool {
        try translating { try database.read { try Migrator(connection: $0).isCurrent(migrations) } }
    }

    public var writerStatistics: WriterStatistics {
        let statistics = database.writerStatistics
        return WriterStatistics(transactions: statistics.transactions, jobs: statistics.jobs)
    }

    private func committed(_ changes: StorageChanges) {
        guard !changes.isEmpty, let observer = observer.withLock({ $0 }) else { return }
        observer.call(changes)
    }

    private func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw SQLiteStorage.domainError(error)
        }
    }

    /// The domain's view of an error: storage failures a client can do nothing about but wait (busy or
    /// locked — the reader-wait time-out is a busy code too —, I/O error, disk full, cannot open,
    /// read-only) become `ServiceError.unavailable` (503 + `Retry-After: 1`, no internals); a constraint
    /// becomes `StorageError.refused`; anything else passes unchanged. Every call of `SQLiteStorage`
    /// applies it; an error mapper may too (it is idempotent).
    public static func domainError(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        switch error.code {
        case .busy, .locked, .ioerr, .full, .cantOpen, .readonly:
            return ServiceError.unavailable("storage is unavailable; try again shortly", retryAfter: 1)
        default:
            if error.code.primary == .constraint { return StorageError.refused(error.message) }
            return error
        }
    }
}
