/// How BEGIN takes its locks.
public enum TransactionKind: String, Sendable {
    /// Locks are taken by the first read or write.
    case deferred = "DEFERRED"
    /// Takes the write lock at once, so the transaction cannot fail later with SQLITE_BUSY
    /// when it upgrades from reading to writing.
    case immediate = "IMMEDIATE"
    /// Like immediate; in WAL mode "EXCLUSIVE and IMMEDIATE are the same".
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Inside a transaction already, it becomes a savepoint, so transactional helpers compose.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIfNeeded()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            // "If COMMIT fails with SQLITE_BUSY, the transaction remains active": end it.
            rollbackIfNeeded()
            throw error
        }
        return result
    }

    /// Runs `body` inside a SAVEPOINT: RELEASE when it returns, ROLLBACK TO and RELEASE when it
    /// throws, which undoes only `body`'s work and keeps the enclosing transaction going.
    /// Outside a transaction, the savepoint is itself a (deferred) transaction.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "goodnews_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body()
        } catch {
            // Some errors ("SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_NOMEM") may roll the
            // whole transaction back on their own; then the savepoint is gone and these fail.
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
        do {
            // Releasing an outermost savepoint commits, which can fail like COMMIT does.
            try execute("RELEASE \(name)")
        } catch {
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
        return result
    }

    /// Rolls back the open transaction, if there is one; errors are ignored (the caller is
    /// already reporting the one that matters).
    func rollbackIfNeeded() {
        if isInTransaction {
            try? execute("ROLLBACK")
        }
    }
}
