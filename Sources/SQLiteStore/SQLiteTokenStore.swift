import GoodNews
import SQLite

/// The SQL of admin tokens (table `api_tokens`: hashes only).
struct SQLiteTokenStore: TokenStore {
    let connection: Connection

    func insert(name: String, hash: String, now: Int64) throws {
        let insert = try connection.cachedStatement(
            "INSERT INTO api_tokens (name, token_hash, created_at) VALUES (?, ?, ?)")
        try insert.bind(name, at: 1)
        try insert.bind(hash, at: 2)
        try insert.bind(now, at: 3)
        do {
            _ = try insert.step()
        } catch let error as SQLiteError where error.code ~= .constraint {
            insert.reset()
            throw ServiceError.conflict("a live token called \"\(name)\" exists; revoke it first")
        }
    }

    private enum InfoColumn: Int32, ResultColumn {
        case name, createdAt, lastUsedAt, revokedAt
    }

    func list() throws -> [TokenService.Info] {
        let query = try connection.cachedStatement(
            "SELECT name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id")
        return try query.rows { row in
            TokenService.Info(name: row.string(InfoColumn.name),
                              createdAt: Timestamp(seconds: row.int64(InfoColumn.createdAt)),
                              lastUsedAt: row.optionalInt64(InfoColumn.lastUsedAt).map(Timestamp.init(seconds:)),
                              revokedAt: row.optionalInt64(InfoColumn.revokedAt).map(Timestamp.init(seconds:)))
        }
    }

    func revoke(name: String, now: Int64) throws -> Bool {
        let update = try connection.cachedStatement(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")
        try update.bind(now, at: 1)
        try update.bind(name, at: 2)
        _ = try update.step()
        return connection.changes > 0
    }

    private enum LiveColumn: Int32, ResultColumn {
        case id, name, hash, lastUsedAt
    }

    func live() throws -> [LiveToken] {
        let query = try connection.cachedStatement(
            "SELECT id, name, token_hash, coalesce(last_used_at, 0) FROM api_tokens WHERE revoked_at IS NULL")
        return try query.rows { row in
            LiveToken(id: row.int64(LiveColumn.id), name: row.string(LiveColumn.name),
                      hash: row.string(LiveColumn.hash), lastUsedAt: row.int64(LiveColumn.lastUsedAt))
        }
    }

    func touch(id: Int64, now: Int64) throws {
        let touch = try connection.cachedStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
        try touch.bind(now, at: 1)
        try touch.bind(id, at: 2)
        _ = try touch.step()
    }
}
