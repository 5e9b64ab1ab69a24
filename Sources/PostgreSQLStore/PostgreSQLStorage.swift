import GoodNews
import Migrations
import PostgreSQL
import Threads

/// `Storage` on a PostgreSQL database (`--db postgresql://…`): a pool of connections, each unit of work
/// on one of them, and the schema of `migrations/postgresql/`.
///
/// - `read`: statements in autocommit, each seeing the latest commit; `snapshot`: one REPEATABLE READ
///   transaction; `write` and `batch`: one READ COMMITTED transaction each, committed with
///   `synchronous_commit = on` (set on every session), so an answered write is on the server's disk.
/// - Group commit: writes on different connections commit concurrently, and the server flushes the
///   commits that are waiting together (one WAL flush for all of them), so throughput grows with the
///   number of writers; there is no writer thread of our own as on SQLite.
/// - A transaction the server rolled back for a deadlock or a serialization failure runs again (the
///   body is pure database work), up to `retries` times.
/// - Errors: a lost or refused connection, a server shutting down or out of resources, and retries
///   used up become `ServiceError.unavailable` (503 + `Retry-After`); a constraint becomes
///   `StorageError.refused`. The pool reconnects on the next use, so the server recovers by itself.
public final class PostgreSQLStorage: Storage {
    let pool: ConnectionPool
    let url: String
    /// This process among the nodes: its own notifications are not news to it.
    let node = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private let listener = Locked<ChangeListener?>(nil)
    private let announcer = Locked<ChangeAnnouncer?>(nil)
    /// The migrations this build expects applied (`isSchemaCurrent`).
    public let migrations: [Migration]
    private struct Observer { let call: @Sendable (StorageChanges) -> Void }
    private let observer = Locked<Observer?>(nil)
    private let statistics = Locked(WriterStatistics(transactions: 0, jobs: 0))

    /// Connections every command opens: as many as the server's pool has threads, so no handler waits.
    public static let defaultConnections = 32
    static let retries = 3

    init(pool: ConnectionPool, url: String, migrations: [Migration]) {
        self.pool = pool
        self.url = url
        self.migrations = migrations
    }

    /// Connects, sets every session up, and applies pending migrations from `migrationsDirectory` (under
    /// an advisory lock: nodes starting together migrate once); `log` hears what was applied.
    public static func open(url: String, migrationsDirectory: String,
                            connections: Int = PostgreSQLStorage.defaultConnections,
                            log: @escaping @Sendable (String) -> Void) throws -> PostgreSQLStorage {
        let migrations = try Migration.load(directory: migrationsDirectory)
        let pool = try translating {
            try ConnectionPool(url: url, count: connections) { connection in
                // An answered write survives a crash of the server, whatever its default says.
                try connection.execute("SET synchronous_commit = on")
                try connection.execute("SET TIME ZONE 'UTC'")
            }
        }
        do {
            let applied = try translating {
                try pool.withConnection { try Migrator(connection: $0).apply(migrations) }
            }
            for migration in applied { log("applied migration postgresql/\(migration.fileName)") }
            log("database: PostgreSQL, \(pool.count) connections")
        } catch {
            pool.close()
            throw error
        }
        let storage = PostgreSQLStorage(pool: pool, url: url, migrations: migrations)
        // Every command's writes reach the running nodes (an import while they serve).
        try storage.startAnnouncing(log: log)
        return storage
    }

    public func close() {
        onCommit(nil)
        listener.withLock { listener in
            listener?.stop()
            listener = nil
        }
        announcer.withLock { announcer in
            announcer?.stop()
            announcer = nil
        }
        pool.close()
    }

    /// Tells the other nodes what this one's commits change, and listens for theirs, handing them to the commit
    /// observer (`ChangeNotice`); a server starts it. A one-shot command (`import`, `token`) only announces.
    public func startListening(log: @escaping @Sendable (String) -> Void) throws {
        try startAnnouncing(log: log)
        guard listener.withLock({ $0 }) == nil else { return }
        let started = try Self.translating {
            try ChangeListener(url: url, node: node, log: log) { [weak self] changes in self?.committed(changes) }
        }
        listener.withLock { $0 = started }
    }

    func startAnnouncing(log: @escaping @Sendable (String) -> Void) throws {
        guard announcer.withLock({ $0 }) == nil else { return }
        let started = try Self.translating { try ChangeAnnouncer(url: url, node: node, log: log) }
        announcer.withLock { $0 = started }
    }

    public func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try Self.translating { try reading { try body(PostgreSQLTransaction($0)) } }
    }

    public func snapshot<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try Self.translating {
            try reading { connection in
                try connection.transaction(.repeatableRead) { try body(PostgreSQLTransaction(connection)) }
            }
        }
    }

    /// A read that met a lost connection runs once more: the pool lends the same connection back (last in,
    /// first out), now known lost, and resets it first. So after the server restarts, reads recover at once
    /// instead of failing once per pooled connection. Writes are not retried: their commit may have happened.
    private func reading<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try pool.withConnection(body)
        } catch let error as PostgreSQLError where error.isConnectionError {
            return try pool.withConnection(body)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StorageTransaction) throws -> T) throws -> T {
        try transaction(body)
    }

    public func batch<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try transaction(body)
    }

    private func transaction<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let (value, changes) = try pool.withConnection { connection in
                    try connection.transaction(.readCommitted) {
                        let tx = PostgreSQLTransaction(connection)
                        return (try body(tx), tx.changes)
                    }
                }
                statistics.withLock {
                    $0.transactions += 1
                    $0.jobs += 1
                }
                committed(changes)
                announcer.withLock { $0 }?.announce(changes)
                return value
            } catch let error as PostgreSQLError where error.isTransactionRollback && attempt <= Self.retries {
                continue
            } catch {
                throw Self.domainError(error)
            }
        }
    }

    public func onCommit(_ observer: (@Sendable (StorageChanges) -> Void)?) {
        self.observer.withLock { $0 = observer.map(Observer.init) }
    }

    public func isSchemaCurrent() throws -> Bool {
        try Self.translating { try pool.withConnection { try Migrator(connection: $0).isCurrent(migrations) } }
    }

    public var writerStatistics: WriterStatistics { statistics.withLock { $0 } }

    func committed(_ changes: StorageChanges) {
        guard !changes.isEmpty, let observer = observer.withLock({ $0 }) else { return }
        observer.call(changes)
    }

    static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw domainError(error)
        }
    }

    /// The domain's view of an error (idempotent): what a client can only wait out becomes
    /// `ServiceError.unavailable`, a constraint `StorageError.refused`; anything else passes unchanged.
    public static func domainError(_ error: any Error) -> any Error {
        guard let error = error as? PostgreSQLError else { return error }
        if error.isConnectionError || error.isTransactionRollback || error.isUnavailable {
            return ServiceError.unavailable("storage is unavailable; try again shortly", retryAfter: 1)
        }
        if error.isConstraintViolation { return StorageError.refused(error.message) }
        return error
    }
}

extension PostgreSQLError {
    /// Classes 08 (connection exception), 53 (insufficient resources), 57 (operator intervention: the
    /// server shutting down or starting), and a pool that is closed.
    var isUnavailable: Bool {
        let code = state.rawValue
        return code.hasPrefix("08") || code.hasPrefix("53") || code.hasPrefix("57")
    }
}
