import GoodNews
import PostgreSQL

/// The SQL of admin tokens (table `api_tokens`: hashes only).
struct PostgreSQLTokenStore: TokenStore {
    let connection: Connection

    func insert(name: String, hash: String, now: Int64) throws {
        do {
            try connection.execute("INSERT INTO api_tokens (name, token_hash, created_at) VALUES ($1, $2, $3)",
                                   [.text(name), .text(hash), .integer(now)])
        } catch let error as PostgreSQLError where error.isConstraintViolation {
            throw ServiceError.conflict("a live token called \"\(name)\" exists; revoke it first")
        }
    }

    func list() throws -> [TokenService.Info] {
        try connection.query("SELECT name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id")
            .map { row in
                TokenService.Info(name: row.string(0), createdAt: Timestamp(seconds: row.int64(1)),
                                  lastUsedAt: row.optionalInt64(2).map(Timestamp.init(seconds:)),
                                  revokedAt: row.optionalInt64(3).map(Timestamp.init(seconds:)))
            }
    }

    func revoke(name: String, now: Int64) throws -> Bool {
        try connection.execute("UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
                               [.integer(now), .text(name)]) > 0
    }

    func live() throws -> [LiveToken] {
        try connection.query("SELECT id, name, token_hash, coalesce(last_used_at, 0) FROM api_tokens WHERE revoked_at IS NULL")
            .map { LiveToken(id: $0.int64(0), name: $0.string(1), hash: $0.string(2), lastUsedAt: $0.int64(3)) }
    }

    func touch(id: Int64, now: Int64) throws {
        try connection.execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", [.integer(now), .integer(id)])
    }
}
