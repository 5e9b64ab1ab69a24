import GoodNews
import SQLite

/// Answers remembered under an `Idempotency-Key` (table `idempotency_keys`), read and written on the
/// writer connection inside the action's own savepoint, so a key and its action commit together.
extension SQLiteActionStore {
    func remembered(_ key: String, since: Int64) throws -> RememberedAnswer? {
        let query = try connection.cachedStatement(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE key = ? AND created_at > ?")
        try query.bind(key, at: 1)
        try query.bind(since, at: 2)
        defer { query.reset() }
        guard try query.step() else { return nil }
        return RememberedAnswer(fingerprint: query.string(0), status: query.int(1), body: query.blob(2))
    }

    func remember(_ key: String, _ answer: RememberedAnswer, now: Int64) throws {
        let upsert = try connection.cachedStatement("""
            INSERT INTO idempotency_keys (key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
              response = excluded.response, created_at = excluded.created_at
            WHERE idempotency_keys.created_at <= excluded.created_at - 86400
            """)
        try upsert.bind(key, at: 1)
        try upsert.bind(answer.fingerprint, at: 2)
        try upsert.bind(answer.status, at: 3)
        try upsert.bind(answer.body, at: 4)
        try upsert.bind(now, at: 5)
        try upsert.execute()
    }

    /// Oldest first, by the created_at index.
    func forget(before: Int64, limit: Int) throws -> Int {
        let delete = try connection.cachedStatement("""
            DELETE FROM idempotency_keys WHERE rowid IN
              (SELECT rowid FROM idempotency_keys WHERE created_at <= ? ORDER BY created_at LIMIT ?)
            """)
        try delete.bind(before, at: 1)
        try delete.bind(limit, at: 2)
        try delete.execute()
        return connection.changes
    }
}
