import GoodNews
import HTTP

extension ServiceError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .invalid(let issues):
            Problem(status: 422, detail: issues.count == 1
                        ? "\(issues[0].field) \(issues[0].message)" : "\(issues.count) fields are invalid",
                    errors: issues.map { Problem.FieldError(field: $0.field, message: $0.message) })
        case .notFound(let what): Problem(status: 404, detail: what)
        case .conflict(let why): Problem(status: 409, detail: why)
        case .unauthorized(let why):
            Problem(status: 401, detail: why, headers: ["WWW-Authenticate": "Bearer realm=\"goodnews\""])
        case .forbidden(let why): Problem(status: 403, detail: why)
        case .badRequest(let why): Problem(status: 400, detail: why)
        case .badParameter(let name, let why):
            Problem(status: 400, detail: "\(name) \(why)", errors: [Problem.FieldError(field: name, message: why)])
        case .rateLimited(let seconds):
            Problem(status: 429, detail: "too many actions from this address; retry in \(seconds) s",
                    headers: ["Retry-After": String(seconds)])
        case .unavailable(let why, let seconds):
            Problem(status: 503, detail: why, headers: ["Retry-After": String(seconds)])
        }
    }
}

/// The mapping of errors the HTTP module cannot know, installed once as `Router.errorMapper` so that it
/// holds for every route alike. Storage failures arrive as `ServiceError.unavailable` (the storage
/// translates its engine's errors: `SQLiteStorage.domainError`), so they are 503 + `Retry-After` here.
enum ErrorMapping {
    @Sendable static func problem(for error: any Error) -> Problem? {
        (error as? ServiceError)?.problem
    }
}
