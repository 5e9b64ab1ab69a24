import CSQLite

/// A prepared statement. Finalised in `deinit`.
///
/// Like its `Connection`, a statement is used by one thread at a time. It does not keep its
/// connection alive: the connection closes with `sqlite3_close_v2`, which "returns SQLITE_OK
/// and the deallocation of resources is deferred until all prepared statements ... are
/// finalized", so a statement outliving its connection is memory-safe, but no longer usable.
public final class Statement {
    @usableFromInline
    let handle: OpaquePointer

    /// Prepares exactly one SQL statement; trailing comments and whitespace are allowed.
    init(connection: OpaquePointer, sql: String, persistent: Bool = false) throws {
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        var statement: OpaquePointer?
        var trailingStatement: OpaquePointer?
        let rc = sql.withCString { text -> CInt in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            // "If pzTail is not NULL then *pzTail is made to point to the first byte past the
            // end of the first SQL statement": preparing the rest tells statements from comments.
            if rc == SQLITE_OK, let tail, tail.pointee != 0 {
                sqlite3_prepare_v3(connection, tail, -1, 0, &trailingStatement, nil)
            }
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: rc, connection: connection, sql: sql)
        }
        if trailingStatement != nil {
            sqlite3_finalize(trailingStatement)
            sqlite3_finalize(statement)
            throw SQLiteError.misuse(
                "prepare takes one statement; run scripts with Connection.execute(_:)", sql: sql)
        }
        guard let statement else {
            throw SQLiteError.misuse("no SQL statement to prepare", sql: sql)
        }
        self.handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The SQL text the statement was prepared from.
    public var sql: String {
        sqlite3_sql(handle).map { String(cString: $0) } ?? ""
    }

    /// True when the statement is part way through its results (it holds a read snapshot).
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// True when the statement cannot write the database (SELECT, most PRAGMA reads).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Advances to the next row: `true` when a row is available, `false` when done.
    @inlinable
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw stepError(rc)
    }

    @usableFromInline
    func stepError(_ rc: CInt) -> SQLiteError {
        SQLiteError(code: rc, connection: sqlite3_db_handle(handle), sql: sql)
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    ///
    /// The code `sqlite3_reset` returns repeats the error of the last failed step, which
    /// `step()` has already thrown, so it is not reported again.
    @inlinable
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    @inlinable
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Runs the statement to completion, ignoring any rows, then resets it.
    @inlinable
    public func execute() throws {
        defer { reset() }
        while try step() {}
    }

    /// Steps through every remaining row, mapping each; resets the statement afterwards.
    @inlinable
    public func rows<T>(_ map: (Statement) throws -> T) throws -> [T] {
        defer { reset() }
        var result: [T] = []
        while try step() {
            result.append(try map(self))
        }
        return result
    }

    /// The first column of the first row as an integer; nil when there is no row or it is NULL.
    @inlinable
    public func scalarInt64() throws -> Int64? {
        defer { reset() }
        guard try step(), !isNull(0) else { return nil }
        return int64(0)
    }

    /// The first column of the first row as text; nil when there is no row or it is NULL.
    @inlinable
    public func scalarString() throws -> String? {
        defer { reset() }
        guard try step(), !isNull(0) else { return nil }
        return string(0)
    }

    /// The first column of the first row; nil when there is no row.
    @inlinable
    public func scalarValue() throws -> Value? {
        defer { reset() }
        guard try step() else { return nil }
        return value(0)
    }
}
