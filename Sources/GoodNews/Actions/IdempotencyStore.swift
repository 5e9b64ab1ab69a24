import SQLite

/// Answers remembered under an `Idempotency-Key` (table `idempotency_keys`), read and written on the
/// writer connection inside the action's own transaction, so a key and its action commit together.
enum IdempotencyStore {
    /// How long a key is remembered.
    static let lifetime: Int64 = 86_400

    struct Remembered: Sendable, Equatable {
        let fingerprint: String
        let status: Int
        let body: [UInt8]
    }

    /// The answer stored under `key` within the last 24 hours.
    static func find(_ key: String, now: Int64, on connection: Connection) throws -> Remembered? {
        let query = try connection.cachedStatement(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE key = ? AND created_at > ?")
        try query.bind(key, at: 1)
        try query.bind(now - lifetime, at: 2)
        defer { query.reset() }
        guard try query.step() else { return nil }
        return Remembered(fingerprint: query.string(0), status: query.int(1), body: query.blob(2))
    }

    /// Stores an answer; an expired row for the same key (not yet pruned) is overwritten.
    static func remember(_ key: String, _ answer: Remembered, now: Int64, on connection: Connection) throws {
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

    /// Deletes up to `limit` expired keys (oldest first, by the created_at index); returns how many.
    /// Bounded so that a long backlog is pruned over several writes, never in one long transaction.
    static func prune(now: Int64, limit: Int = 5_000, on connection: Connection) throws -> Int {
        let delete = try connection.cachedStatement("""
            DELETE FROM idempotency_keys WHERE rowid IN
              (SELECT rowid FROM idempotency_keys WHERE created_at <= ? ORDER BY created_at LIMIT ?)
            """)
        try delete.bind(now - lifetime, at: 1)
        try delete.bind(limit, at: 2)
        try delete.execute()
        return connection.changes
    }
}
