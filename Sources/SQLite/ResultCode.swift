import CSQLite

/// An SQLite result code, primary (`.constraint`) or extended (`.constraintUnique`).
///
/// "The least significant 8 bits of an extended result code are the primary result code"
/// (sqlite.org/rescode.html), so `primary` masks them off and `~=` lets a primary pattern
/// match every extended code of its family: `case .constraint` catches `.constraintUnique`.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: CInt

    @inlinable
    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// The primary code of this (possibly extended) code.
    @inlinable
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// True for a primary code, false for an extended one.
    @inlinable
    public var isPrimary: Bool { rawValue == rawValue & 0xFF }

    /// A primary code matches its whole family; two extended codes match only when equal.
    ///
    /// Symmetric, so both `case .constraint:` in a switch over a code and
    /// `catch let e as SQLiteError where e.code ~= .constraint` match `.constraintUnique`.
    @inlinable
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        if pattern.isPrimary { return pattern == code.primary }
        if code.isPrimary { return code == pattern.primary }
        return pattern == code
    }

    /// SQLite's English text for the code (`sqlite3_errstr`).
    public var description: String {
        "\(rawValue) (\(String(cString: sqlite3_errstr(rawValue))))"
    }

    private static func extended(_ primary: CInt, _ n: CInt) -> ResultCode {
        ResultCode(rawValue: primary | (n << 8))
    }

    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let `internal` = ResultCode(rawValue: SQLITE_INTERNAL)
    public static let perm = ResultCode(rawValue: SQLITE_PERM)
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let nomem = ResultCode(rawValue: SQLITE_NOMEM)
    public static let readonly = ResultCode(rawValue: SQLITE_READONLY)
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    public static let ioerr = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let notFound = ResultCode(rawValue: SQLITE_NOTFOUND)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let `protocol` = ResultCode(rawValue: SQLITE_PROTOCOL)
    public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
    public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let auth = ResultCode(rawValue: SQLITE_AUTH)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    public static let done = ResultCode(rawValue: SQLITE_DONE)

    public static let busyRecovery = extended(SQLITE_BUSY, 1)
    public static let busySnapshot = extended(SQLITE_BUSY, 2)
    public static let busyTimeout = extended(SQLITE_BUSY, 3)
    public static let readonlyDatabaseMoved = extended(SQLITE_READONLY, 4)
    public static let constraintCheck = extended(SQLITE_CONSTRAINT, 1)
    public static let constraintCommitHook = extended(SQLITE_CONSTRAINT, 2)
    public static let constraintForeignKey = extended(SQLITE_CONSTRAINT, 3)
    public static let constraintFunction = extended(SQLITE_CONSTRAINT, 4)
    public static let constraintNotNull = extended(SQLITE_CONSTRAINT, 5)
    public static let constraintPrimaryKey = extended(SQLITE_CONSTRAINT, 6)
    public static let constraintTrigger = extended(SQLITE_CONSTRAINT, 7)
    public static let constraintUnique = extended(SQLITE_CONSTRAINT, 8)
    public static let constraintVirtualTable = extended(SQLITE_CONSTRAINT, 9)
    public static let constraintRowID = extended(SQLITE_CONSTRAINT, 10)
    public static let constraintDataType = extended(SQLITE_CONSTRAINT, 12)
}
