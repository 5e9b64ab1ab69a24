import HTTP

/// Bearer-token checks for the routes. Token checks read the database, so only `.later` work calls them.
struct Authenticator: Sendable {
    let tokens: TokenService

    /// The token's name when the request carries a valid one; nil when it carries none;
    /// 401 when it carries a bad one (a wrong token is never silently treated as anonymous).
    func admin(_ request: Request) throws -> String? {
        guard let header = request.headers["Authorization"] else { return nil }
        guard let token = Authenticator.bearerToken(header) else {
            throw ServiceError.unauthorized("use Authorization: Bearer <token>")
        }
        guard let name = try tokens.authenticate(token) else {
            throw ServiceError.unauthorized("the token is not valid or was revoked")
        }
        return name
    }

    /// The token's name, or 401 when the request has no valid token.
    func requireAdmin(_ request: Request) throws -> String {
        guard let name = try admin(request) else {
            throw ServiceError.unauthorized("this needs an admin token: Authorization: Bearer <token>")
        }
        return name
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimming(" \t")
        return token.isEmpty ? nil : token
    }
}
