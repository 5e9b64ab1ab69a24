/// A five-character SQLSTATE: a specific condition (`23505`) or a whole class (`23000`).
///
/// "The first two characters of an error code denote a class of errors, while the last three
/// characters indicate a specific condition within that class" (PostgreSQL, Appendix A), and a
/// class's own code ends in `000`. So `~=` lets a class pattern match every condition in it, as
/// `ResultCode` does for SQLite: `case .integrityConstraintViolation` catches `.uniqueViolation`.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The class this condition belongs to (`23505` → `23000`).
    public var `class`: SQLState { SQLState(rawValue: String(rawValue.prefix(2)) + "000") }

    /// True for a class code (`23000`), false for a specific condition.
    public var isClass: Bool { rawValue.utf8.count == 5 && rawValue.hasSuffix("000") }

    /// A class matches every condition in it; two specific conditions match only when equal.
    /// Symmetric, so `case .integrityConstraintViolation:` in a switch over a state and
    /// `catch let e as PostgreSQLError where e.state ~= .uniqueViolation` both work.
    public static func ~= (pattern: SQLState, state: SQLState) -> Bool {
        if pattern.isClass { return pattern == state.class }
        if state.isClass { return state == pattern.class }
        return pattern == state
    }

    public var description: String { rawValue }

    public static let successfulCompletion: SQLState = "00000"
    public static let featureNotSupported: SQLState = "0A000"
    public static let invalidDescriptorIndex: SQLState = "07009"

    // Class 08: the connection could not be made or was lost.
    public static let connectionException: SQLState = "08000"
    public static let connectionDoesNotExist: SQLState = "08003"
    public static let connectionFailure: SQLState = "08006"
    public static let unableToConnect: SQLState = "08001"
    public static let protocolViolation: SQLState = "08P01"

    // Class 22: bad data (the server quotes the offending input; see PostgreSQLError).
    public static let dataException: SQLState = "22000"
    public static let stringDataRightTruncation: SQLState = "22001"
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let characterNotInRepertoire: SQLState = "22021"
    public static let invalidTextRepresentation: SQLState = "22P02"

    // Class 23: integrity constraints.
    public static let integrityConstraintViolation: SQLState = "23000"
    public static let restrictViolation: SQLState = "23001"
    public static let notNullViolation: SQLState = "23502"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let uniqueViolation: SQLState = "23505"
    public static let checkViolation: SQLState = "23514"
    public static let exclusionViolation: SQLState = "23P01"

    public static let invalidTransactionState: SQLState = "25000"
    public static let inFailedTransaction: SQLState = "25P02"
    public static let invalidStatementName: SQLState = "26000"

    // Class 40: the transaction was rolled back; running it again may succeed.
    public static let transactionRollback: SQLState = "40000"
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"

    public static let syntaxErrorOrAccessRuleViolation: SQLState = "42000"
    public static let syntaxError: SQLState = "42601"
    public static let undefinedColumn: SQLState = "42703"
    public static let undefinedTable: SQLState = "42P01"
    public static let datatypeMismatch: SQLState = "42804"

    // Class 53: the server is short of something.
    public static let insufficientResources: SQLState = "53000"
    public static let diskFull: SQLState = "53100"
    public static let outOfMemory: SQLState = "53200"
    public static let tooManyConnections: SQLState = "53300"

    public static let programLimitExceeded: SQLState = "54000"
    public static let lockNotAvailable: SQLState = "55P03"

    // Class 57: an operator or the server stopped the work.
    public static let operatorIntervention: SQLState = "57000"
    public static let queryCanceled: SQLState = "57014"
    public static let adminShutdown: SQLState = "57P01"
    public static let crashShutdown: SQLState = "57P02"
    public static let cannotConnectNow: SQLState = "57P03"

    public static let internalError: SQLState = "XX000"
}
