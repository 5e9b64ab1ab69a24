import GoodNews
import HTTP

/// Bearer-token checks for the routes. Every admin route checks the token before it reads the body, so a
/// bad token costs a 401 and never a body parse.
struct Authenticator: Sendable {
    /// What a request's `Authorization` header amounts to, as far as memory can tell (`credential`).
    enum Credential: Sendable {
        /// No `Authorization` header.
        case anonymous
        /// A token found valid within the last second (`TokenCache`).
        case admin(String)
        /// A header that still needs checking: the token, or nil when the header is malformed.
        case presented(String?)

        var isKnownAdmin: Bool {
            if case .admin = self { return true }
            return false
        }
    }

    /// Longest token considered: ours are 46 characters; a longer one is malformed without being hashed.
    static let maxTokenLength = 256

    let cache: TokenCache

    init(tokens: TokenService, maxAge: Double = 1) {
        cache = TokenCache(tokens: tokens, maxAge: maxAge)
    }

    /// The request's credential from memory only (no database read): safe on the event loop.
    func credential(_ request: Request) -> Credential {
        guard let header = request.headers["Authorization"] else { return .anonymous }
        guard let token = Authenticator.bearerToken(header) else { return .presented(nil) }
        if let name = cache.knownName(token) { return .admin(name) }
        return .presented(token)
    }

    /// The admin's name for `credential`, nil for anonymous; 401 for a malformed, unknown or revoked token
    /// (a wrong token is never silently treated as anonymous). May read the database: `.later` work only.
    func verify(_ credential: Credential) throws -> String? {
        switch credential {
        case .anonymous: return nil
        case .admin(let name): return name
        case .presented(nil): throw ServiceError.unauthorized("use Authorization: Bearer <token>")
        case .presented(let token?):
            guard let name = try cache.authenticate(token) else {
                throw ServiceError.unauthorized("the token is not valid or was revoked")
            }
            return name
        }
    }

    /// The token's name when the request carries a valid one; nil when it carries none; 401 for a bad one.
    func admin(_ request: Request) throws -> String? {
        try verify(credential(request))
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
        let token = String(parts[1].trimmingSpacesAndTabs)
        return token.isEmpty || token.utf8.count > maxTokenLength ? nil : token
    }
}
