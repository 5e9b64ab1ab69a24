import GoodNews
import PostgreSQL

/// Answers remembered under an `Idempotency-Key`, in the action's own transaction, so a key and its action
/// commit together. Two nodes receiving the same key at once: `remembered` first takes a transaction-level
/// advisory lock on the key, so the second waits for the first's commit and then finds its answer (on
/// SQLite the single writer orders them).
extension PostgreSQLActionStore {
    func remembered(_ key: String, since: Int64) throws -> RememberedAnswer? {
        if connection.isInTransaction {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", [.text(key)])
        }
        guard let row = try connection.query(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE key = $1 AND created_at > $2",
            [.text(key), .integer(since)]).first else { return nil }
        return RememberedAnswer(fingerprint: row.string(0), status: row.int(1), body: row.blob(2))
    }

    func remember(_ key: String, _ answer: RememberedAnswer, now: Int64) throws {
        try connection.execute("""
            INSERT INTO idempotency_keys AS k (key, request_hash, status, response, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
              response = EXCLUDED.response, created_at = EXCLUDED.created_at
            WHERE k.created_at <= EXCLUDED.created_at - 86400
            """, [.text(key), .text(answer.fingerprint), .integer(Int64(answer.status)), .blob(answer.body), .integer(now)])
    }

    /// Oldest first, by the created_at index.
    func forget(before: Int64, limit: Int) throws -> Int {
        try connection.execute("""
            DELETE FROM idempotency_keys WHERE key IN
              (SELECT key FROM idempotency_keys WHERE created_at <= $1 ORDER BY created_at LIMIT $2)
            """, [.integer(before), .integer(Int64(limit))])
    }
}
