import CSQLite

/// One SQLite database connection.
///
/// Not Sendable: a connection, and every statement prepared on it, is owned by one thread at
/// a time. It is opened with SQLITE_OPEN_NOMUTEX ("the database connection ... will not use
/// ... mutexes"), which is only safe under that rule; `Database` hands connections from
/// thread to thread but never to two at once. Close with `close()`, or let `deinit` do it.
public final class Connection {
    /// How the file is opened.
    public enum OpenMode: Sendable {
        case readOnly, readWrite, readWriteCreate

        var flags: CInt {
            switch self {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWrite: SQLITE_OPEN_READWRITE
            case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        }
    }

    /// The file this connection opened.
    public let path: String
    private var handle: OpaquePointer?
    private var statementCache: [String: Statement] = [:]
    var savepointDepth = 0

    /// Cached statements beyond this are dropped all at once; the cache is for constant SQL.
    static let statementCacheLimit = 512

    /// Opens (and with `.readWriteCreate`, creates) the database at `path`.
    ///
    /// SQLITE_OPEN_EXRESCODE makes every call return extended result codes
    /// (`.constraintUnique`, not just `.constraint`).
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeout: Duration = .seconds(5)) throws {
        self.path = path
        var handle: OpaquePointer?
        let flags = mode.flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            // "Whether or not an error occurs when it is opened, resources associated with the
            // database connection handle should be released by passing it to sqlite3_close()".
            let error = SQLiteError(code: rc, connection: handle)
            sqlite3_close_v2(handle)
            throw SQLiteError(code: error.code, message: "\(error.message): \(path)")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, busyTimeout.milliseconds)
    }

    deinit {
        close()
    }

    /// Finalises cached statements and closes. Idempotent. Statements the caller still holds
    /// keep a "zombie" connection alive until they are finalised (`sqlite3_close_v2`).
    public func close() {
        guard let handle else { return }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// True once `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// The open handle, or SQLITE_MISUSE once closed.
    func openHandle() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.misuse("connection is closed: \(path)") }
        return handle
    }

    /// Runs one or more `;`-separated statements with no parameters (DDL, scripts, PRAGMAs).
    public func execute(_ sql: String) throws {
        let handle = try openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            throw SQLiteError(code: ResultCode(rawValue: rc), message: text, sql: sql)
        }
    }

    /// Runs one statement with parameters bound to ?1, ?2…, through the statement cache.
    public func execute(_ sql: String, _ values: [Value]) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        try statement.execute()
    }

    /// Prepares one statement. The caller owns it; it is finalised when released.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: openHandle(), sql: sql)
    }

    /// A statement from this connection's cache, keyed by SQL, prepared on first use.
    ///
    /// It comes reset with its bindings cleared. Asking again for the same SQL hands out the
    /// same object, so do not nest two uses of one SQL string (an outer loop would be reset).
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(connection: openHandle(), sql: sql, persistent: true)
        if statementCache.count >= Connection.statementCacheLimit {
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    /// Resets every statement of this connection that is part way through its rows, so none
    /// holds a read snapshot (which would keep WAL checkpoints from completing).
    public func resetActiveStatements() {
        guard let handle else { return }
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 { sqlite3_reset(current) }
            statement = sqlite3_next_stmt(handle, current)
        }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Rows changed since the connection opened.
    public var totalChanges: Int {
        handle.map { Int(sqlite3_total_changes64($0)) } ?? 0
    }

    /// True inside BEGIN…COMMIT ("autocommit mode is disabled by a BEGIN statement").
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Sets how long a call waits on another connection's lock before SQLITE_BUSY.
    public func setBusyTimeout(_ timeout: Duration) throws {
        sqlite3_busy_timeout(try openHandle(), timeout.milliseconds)
    }
}

extension Duration {
    /// Whole milliseconds, clamped to CInt.
    var milliseconds: CInt {
        let (seconds, attoseconds) = components
        return CInt(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
