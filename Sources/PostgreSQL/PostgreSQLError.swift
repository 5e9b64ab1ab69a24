/// An error from PostgreSQL or libpq: its SQLSTATE, the server's primary message, and the SQL
/// being run when there is one. Bound values are never included: they may be personal data.
///
/// Two of the server's texts can carry them, so neither is kept: the DETAIL field ("Key
/// (email)=(a@example.org) already exists") and, in data exceptions (class 22), the quoted input
/// inside the primary message (`invalid input syntax for type integer: "…"`).
public struct PostgreSQLError: Error, CustomStringConvertible, Sendable {
    public let state: SQLState
    public let message: String
    public let sql: String?
    /// The constraint that failed, for class 23 errors (a schema name, never a value).
    public let constraint: String?
    /// True when the connection is unusable: it could not be opened, was lost, or is closed.
    /// `Connection.reset()` reconnects; until then every call fails the same way.
    public let isConnectionError: Bool

    public init(
        state: SQLState, message: String, sql: String? = nil, constraint: String? = nil,
        isConnectionError: Bool = false
    ) {
        self.state = state
        self.message = message
        self.sql = sql
        self.constraint = constraint
        self.isConnectionError = isConnectionError
    }

    public var description: String {
        var text = "PostgreSQL error \(state): \(message)"
        if let sql { text += " — in `\(sql)`" }
        return text
    }

    /// A UNIQUE (or primary key) constraint failed.
    public var isUniqueViolation: Bool { state == .uniqueViolation }
    /// Any integrity constraint failed (class 23).
    public var isConstraintViolation: Bool { .integrityConstraintViolation ~= state }
    /// A serialization failure or deadlock (class 40): the transaction may be run again.
    public var isTransactionRollback: Bool { .transactionRollback ~= state }

    /// The message with the data exception's quoted input withheld.
    static func withholdingInput(_ message: String, state: SQLState) -> String {
        guard .dataException ~= state,
              let first = message.firstIndex(of: "\""),
              let last = message.lastIndex(of: "\""), first < last
        else { return message }
        var tail = message[message.index(after: last)...]
        // `invalid byte sequence for encoding "UTF8": 0x00` ends with the offending bytes.
        if tail.hasPrefix(": 0x") { tail = "" }
        return message[...first] + "…\"" + tail
    }

    static func closed(_ sql: String? = nil) -> PostgreSQLError {
        PostgreSQLError(
            state: .connectionDoesNotExist, message: "connection is closed", sql: sql, isConnectionError: true)
    }
}
