import CPostgreSQL

/// One PostgreSQL connection: a server session, with its own prepared statements.
///
/// Not Sendable: a connection, and every statement prepared on it, is used by one thread at a
/// time. libpq allows exactly that ("no two threads attempt to manipulate the same PGconn
/// object at the same time"); `ConnectionPool` hands connections from thread to thread but never
/// to two at once. Close with `close()`, or let `deinit` do it. Results (`QueryResult`) own their
/// memory and stay readable after the connection is closed.
///
/// A lost connection (server restart, `pg_terminate_backend`, network) shows as errors whose
/// `isConnectionError` is true and as `isConnected == false`; `reset()` reconnects.
public final class Connection {
    let pq: UnsafePointer<goodnews_pq>
    private var handle: OpaquePointer?
    private var statementCache: [String: Statement] = [:]
    private var statementsPrepared = 0
    var savepointDepth = 0
    /// Channels this session listens on, listened to again by `reset()`.
    var channels: Set<String> = []

    /// Cached statements beyond this are dropped all at once; the cache is for constant SQL.
    static let statementCacheLimit = 512

    /// True for the URLs libpq parses as a connection URI: `postgresql://…` or `postgres://…`.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Connects to `url` (`postgresql://user@host:5432/db?sslmode=require`). What the URL leaves
    /// out comes from libpq's `PG*` environment variables, so `postgresql://` alone uses them all.
    /// Set `connect_timeout` in the URL to bound the wait for an unreachable host.
    public convenience init(url: String) throws {
        guard Connection.isURL(url) else {
            throw PostgreSQLError(
                state: .unableToConnect, message: "not a PostgreSQL URL (postgresql://… or postgres://…)",
                isConnectionError: true)
        }
        try self.init(conninfo: url)
    }

    /// Connects with libpq's `PG*` environment variables alone (`PGHOST`, `PGPORT`, `PGUSER`…).
    public convenience init() throws {
        try self.init(conninfo: "")
    }

    private init(conninfo: String) throws {
        pq = try LibPQ.functions()
        // "If libpq is unable to allocate memory ... it will return NULL".
        guard let handle = pq.pointee.PQconnectdb(conninfo) else {
            throw PostgreSQLError(state: .outOfMemory, message: "libpq could not allocate a connection")
        }
        guard pq.pointee.PQstatus(handle) == CONNECTION_OK else {
            // libpq's message names host and port, never the URL's password.
            let message = Connection.text(pq.pointee.PQerrorMessage(handle)) ?? "cannot connect"
            // "you must call PQfinish ... even if the server connection attempt fails".
            pq.pointee.PQfinish(handle)
            throw PostgreSQLError(state: .unableToConnect, message: message, isConnectionError: true)
        }
        // libpq prints NOTICE and WARNING messages on stderr by default; a server must not.
        _ = pq.pointee.PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Closes the session (PQfinish, once). Idempotent; later calls throw a connection error.
    public func close() {
        guard let handle else { return }
        statementCache.removeAll()
        pq.pointee.PQfinish(handle)
        self.handle = nil
    }

    /// True once `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// False once the connection is closed or known to be lost. libpq learns of a loss when it
    /// next reads or writes, so a dead idle connection still says true until it is used.
    public var isConnected: Bool {
        handle.map { pq.pointee.PQstatus($0) == CONNECTION_OK } ?? false
    }

    /// Reconnects with the same parameters, after a lost connection or to start afresh. The
    /// new session has none of the old one's prepared statements (the cache is emptied) or
    /// settings; it listens again on the same channels, but notifications sent in between are
    /// lost, so a listener should treat a reset as "anything may have changed".
    public func reset() throws {
        let handle = try openHandle()
        statementCache.removeAll()
        savepointDepth = 0
        pq.pointee.PQreset(handle)
        guard pq.pointee.PQstatus(handle) == CONNECTION_OK else {
            throw PostgreSQLError(
                state: .unableToConnect,
                message: Connection.text(pq.pointee.PQerrorMessage(handle)) ?? "cannot reconnect",
                isConnectionError: true)
        }
        for channel in channels.sorted() {
            try execute("LISTEN " + Connection.quoteIdentifier(channel))
        }
    }

    /// The server process serving this session (`pg_backend_pid()`), 0 when closed.
    public var backendProcessID: Int32 {
        handle.map { pq.pointee.PQbackendPID($0) } ?? 0
    }

    /// The server's version as a number: 150018 for 15.18.
    public var serverVersion: Int {
        handle.map { Int(pq.pointee.PQserverVersion($0)) } ?? 0
    }

    /// True inside BEGIN…COMMIT, including a transaction an error has aborted.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = pq.pointee.PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// True inside a transaction that an error has aborted: until ROLLBACK (or ROLLBACK TO a
    /// savepoint), "commands are ignored until end of transaction block".
    var isInFailedTransaction: Bool {
        handle.map { pq.pointee.PQtransactionStatus($0) == PQTRANS_INERROR } ?? false
    }

    /// The open handle, or a connection error once closed.
    func openHandle(_ sql: String? = nil) throws -> OpaquePointer {
        guard let handle else { throw PostgreSQLError.closed(sql) }
        return handle
    }

    /// Runs one or more `;`-separated statements with no parameters (DDL, scripts, BEGIN),
    /// through the simple query protocol.
    public func execute(_ sql: String) throws {
        let handle = try openHandle(sql)
        pq.pointee.PQclear(try checked(pq.pointee.PQexec(handle, sql), sql: sql))
    }

    /// Runs one statement with parameters bound to $1, $2…, through the statement cache, and
    /// returns the number of rows it inserted, updated, deleted or returned.
    @discardableResult
    public func execute(_ sql: String, _ values: [Value]) throws -> Int {
        try query(sql, values).affectedRows
    }

    /// Runs one statement with parameters bound to $1, $2…, through the statement cache.
    public func query(_ sql: String, _ values: [Value] = []) throws -> QueryResult {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        return try statement.execute()
    }

    /// A statement from this connection's cache, keyed by SQL, prepared on first use (one round
    /// trip to prepare, one to learn its parameter and column types). It comes with its
    /// bindings cleared; asking again for the same SQL hands out the same object.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.clearBindings()
            return statement
        }
        let handle = try openHandle(sql)
        if statementCache.count >= Connection.statementCacheLimit {
            try execute("DEALLOCATE ALL")
            statementCache.removeAll()
        }
        statementsPrepared += 1
        let statement = try Statement(
            connection: self, handle: handle, name: "goodnews_\(statementsPrepared)", sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Returns `result` when the command succeeded; otherwise clears it and throws its error.
    func checked(_ result: OpaquePointer?, sql: String?) throws -> OpaquePointer {
        if let result {
            let status = pq.pointee.PQresultStatus(result)
            if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY {
                return result
            }
        }
        let error = self.error(result, sql: sql)
        if let result { pq.pointee.PQclear(result) }
        throw error
    }

    /// The error a failed result (or a NULL one: "out-of-memory conditions or serious errors
    /// such as inability to send the command") reports.
    private func error(_ result: OpaquePointer?, sql: String?) -> PostgreSQLError {
        let lost = !isConnected
        let connectionMessage = handle.flatMap { Connection.text(pq.pointee.PQerrorMessage($0)) }
        let fallbackState: SQLState = lost ? .connectionFailure : .internalError
        guard let result else {
            return PostgreSQLError(
                state: fallbackState, message: connectionMessage ?? "no result", sql: sql, isConnectionError: lost)
        }
        let status = pq.pointee.PQresultStatus(result)
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            return PostgreSQLError(state: .featureNotSupported, message: "COPY is not supported", sql: sql)
        }
        func field(_ code: Int) -> String? {
            pq.pointee.PQresultErrorField(result, CInt(code)).map { String(cString: $0) }
        }
        let state = field(PG_DIAG_SQLSTATE).map(SQLState.init(rawValue:)) ?? fallbackState
        // Server errors always have a primary message; libpq's own ("server closed the
        // connection unexpectedly") only the full text, which then holds no DETAIL.
        let message = field(PG_DIAG_MESSAGE_PRIMARY)
            ?? Connection.text(pq.pointee.PQresultErrorMessage(result)) ?? connectionMessage ?? "failed"
        return PostgreSQLError(
            state: state, message: PostgreSQLError.withholdingInput(message, state: state), sql: sql,
            constraint: field(PG_DIAG_CONSTRAINT_NAME), isConnectionError: lost)
    }

    /// libpq's message text on one line, or nil when empty.
    static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let lines = String(cString: pointer).split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
        return lines.isEmpty ? nil : lines.joined(separator: " ")
    }

    /// `"name"`, with inner quotes doubled: channel names are identifiers, which cannot be bound.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}
