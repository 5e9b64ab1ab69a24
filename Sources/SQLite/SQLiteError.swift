import CSQLite

/// An error reported by SQLite: its (extended) result code, SQLite's message, and the SQL text
/// being run when there is one. Bound values are never included: they may be personal data.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: ResultCode
    public let message: String
    public let sql: String?

    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Reads the message of the connection's most recent failed call.
    ///
    /// "The sqlite3_errmsg() ... return English-language text that describes the error"
    /// of "the most recent failed sqlite3_* API call associated with a database connection".
    init(code: CInt, connection: OpaquePointer?, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(
            code: ResultCode(rawValue: code),
            message: message ?? String(cString: sqlite3_errstr(code)),
            sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — in `\(sql)`" }
        return text
    }

    /// A UNIQUE constraint failed (an INTEGER PRIMARY KEY clash is `isPrimaryKeyViolation`).
    public var isUniqueViolation: Bool { code == .constraintUnique }
    /// A PRIMARY KEY constraint failed.
    public var isPrimaryKeyViolation: Bool { code == .constraintPrimaryKey }
    /// A FOREIGN KEY constraint failed.
    public var isForeignKeyViolation: Bool { code == .constraintForeignKey }
    /// A CHECK constraint failed.
    public var isCheckViolation: Bool { code == .constraintCheck }
    /// A NOT NULL constraint failed.
    public var isNotNullViolation: Bool { code == .constraintNotNull }
    /// Any constraint failed.
    public var isConstraintViolation: Bool { .constraint ~= code }
    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock.
    public var isBusy: Bool { .busy ~= code || .locked ~= code }

    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: .misuse, message: message, sql: sql)
    }
}
