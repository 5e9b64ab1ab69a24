import Dispatch
import Threads

/// A fixed set of read-only connections lent to one caller at a time.
///
/// `available` counts idle connections, so a borrower waits on it without holding the lock;
/// the free list itself is a locked array. A borrower waits at most `timeout`, then gets
/// SQLITE_BUSY: under overload callers are told to come back (503) instead of queueing forever.
final class ReaderPool: Sendable {
    private struct State: ~Copyable {
        var idle: [Lent]
        var isClosed = false
    }

    /// `@unchecked Sendable`: the pool moves a connection between threads but lends it to one at a time.
    private struct Lent: @unchecked Sendable {
        let connection: Connection
    }

    private let state: Locked<State>
    private let available: DispatchSemaphore
    let count: Int
    let timeout: Duration

    init(path: String, count: Int, busyTimeout: Duration, timeout: Duration) throws {
        var connections: [Lent] = []
        for _ in 0..<count {
            let connection = try Connection(path: path, mode: .readWrite, busyTimeout: busyTimeout)
            // query_only: a reader can never take the write lock, so it can never contend
            // with the writer; the journal mode is a property of the file, already WAL.
            try connection.configure(journalMode: nil, busyTimeout: busyTimeout, queryOnly: true)
            connections.append(Lent(connection: connection))
        }
        self.count = count
        self.timeout = timeout
        self.state = Locked(State(idle: connections))
        self.available = DispatchSemaphore(value: count)
    }

    /// Borrows an idle connection (waiting up to `timeout` if all are lent) for the length of `body`.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        guard available.wait(timeout: .now() + .nanoseconds(Int(clamping: timeout.nanoseconds))) == .success else {
            throw SQLiteError(code: .busy, message: "all \(count) reader connections stayed busy for \(timeout)")
        }
        guard let lent = state.withLock({ $0.isClosed ? nil : $0.idle.popLast() }) else {
            available.signal()
            throw SQLiteError.misuse("database is closed")
        }
        let connection = lent.connection
        defer {
            // Leave nothing open that would pin a WAL snapshot for the next borrower.
            connection.resetActiveStatements()
            connection.rollbackIfNeeded()
            state.withLock { $0.idle.append(lent) }
            available.signal()
        }
        return try body(connection)
    }

    /// Waits for every lent connection to come back, then closes them all. Idempotent.
    func close() {
        let alreadyClosed = state.withLock { state in
            defer { state.isClosed = true }
            return state.isClosed
        }
        if alreadyClosed { return }
        for _ in 0..<count { available.wait() }
        let connections = state.withLock { state in
            defer { state.idle = [] }
            return state.idle
        }
        for lent in connections { lent.connection.close() }
        // Release callers that were already waiting: they find the pool closed.
        for _ in 0..<count { available.signal() }
    }
}
