/// What a service refuses, in domain terms; the routes turn it into a status code (`ServiceError+Problem`).
public enum ServiceError: Error, Equatable, Sendable {
    /// A field-level validation failure (422), one entry per field.
    case invalid([FieldIssue])
    /// The named thing does not exist (or is not visible to this caller).
    case notFound(String)
    /// The request conflicts with the current state (slug taken, case not active, case has actions).
    case conflict(String)
    /// No or a bad token where one is required.
    case unauthorized(String)
    /// A valid caller asking for something not allowed to them.
    case forbidden(String)
    /// A malformed query or cursor.
    case badRequest(String)
    /// A query or path parameter the declared rule refuses (`QueryParameter`): its name and why (400).
    case badParameter(String, String)
    /// Too many requests from one client; retry after this many seconds.
    case rateLimited(retryAfter: Int)
    /// Storage cannot be reached, or a bounded table or queue is full: retry after this many seconds (503).
    case unavailable(String, retryAfter: Int = 1)

    public static func invalid(_ field: String, _ message: String) -> ServiceError {
        .invalid([FieldIssue(field: field, message: message)])
    }
}

/// One field's validation failure: `{"field": "title", "message": "is required"}`.
public struct FieldIssue: Equatable, Sendable {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
}
