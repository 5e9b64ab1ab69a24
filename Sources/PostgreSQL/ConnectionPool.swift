import Dispatch
import Threads

/// A fixed set of connections to one database, each lent to one caller at a time.
///
/// A connection found lost when it is borrowed is reset first (so once the server is back,
/// the pool recovers without a restart); a caller whose query fails on a lost connection gets
/// that error, and the next borrower a fresh session. A transaction left open is rolled back
/// on return. `withConnection` blocks while every connection is lent: call it from threads
/// allowed to block, not from an event loop.
public final class ConnectionPool: Sendable {
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
    /// Session settings, run on every new session: at open and after each reset.
    private let prepare: @Sendable (Connection) throws -> Void
    /// The number of connections.
    public let count: Int

    /// Opens `count` connections to `url` (see `Connection.init(url:)`), each set up by `prepare`.
    public init(url: String, count: Int, prepare: @escaping @Sendable (Connection) throws -> Void = { _ in }) throws {
        var connections: [Lent] = []
        for _ in 0..<max(1, count) {
            let connection = try Connection(url: url)
            try prepare(connection)
            connections.append(Lent(connection: connection))
        }
        self.prepare = prepare
        self.count = connections.count
        self.state = Locked(State(idle: connections))
        self.available = DispatchSemaphore(value: connections.count)
    }

    /// Borrows an idle connection (waiting for one if all are lent) for the length of `body`.
    /// The connection must not escape `body`.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        available.wait()
        guard let lent = state.withLock({ $0.isClosed ? nil : $0.idle.popLast() }) else {
            available.signal()
            throw PostgreSQLError.closed()
        }
        let connection = lent.connection
        defer {
            connection.rollbackIfNeeded()
            state.withLock { $0.idle.append(lent) }
            available.signal()
        }
        if !connection.isConnected {
            try connection.reset()
            try prepare(connection)
        }
        return try body(connection)
    }

    /// Waits for every lent connection to come back, then closes them all. Idempotent; later
    /// borrowers get a connection error.
    public func close() {
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
