/// How much of other transactions' concurrent work a transaction sees.
public enum IsolationLevel: String, Sendable {
    /// Each statement sees what was committed before it began (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// Every statement sees the snapshot taken at the transaction's first statement.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one at a time; a conflict fails with `.serializationFailure`,
    /// and the whole transaction should then be run again.
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Inside a transaction already, it becomes a savepoint, so transactional helpers compose.
    /// When `body` returns after catching an error without a savepoint around the failed
    /// statement, PostgreSQL has aborted the transaction (COMMIT would quietly roll it back):
    /// it is rolled back and `.inFailedTransaction` is thrown, so no caller mistakes it for a commit.
    public func transaction<T>(_ isolation: IsolationLevel = .readCommitted, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIfNeeded()
            throw error
        }
        if isInFailedTransaction {
            rollbackIfNeeded()
            throw PostgreSQLError(
                state: .inFailedTransaction,
                message: "the transaction was aborted by an error its body caught; it was rolled back")
        }
        do {
            try execute("COMMIT")
        } catch {
            // A failed COMMIT (serialization failure, deferred constraint) ends the transaction;
            // a lost connection leaves none on the server either. This only tidies up.
            rollbackIfNeeded()
            throw error
        }
        return result
    }

    /// Runs `body` inside a SAVEPOINT: RELEASE when it returns, ROLLBACK TO and RELEASE when it
    /// throws, which undoes only `body`'s work and keeps the enclosing transaction going (even
    /// one the failed statement had aborted). Outside a transaction, PostgreSQL has no
    /// savepoints ("SAVEPOINT can only be used in transaction blocks"): it runs `transaction`.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            return try transaction(.readCommitted, body)
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "goodnews_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK TO SAVEPOINT \(name)")
            try? execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
        do {
            // Fails when an error `body` caught aborted the transaction: undo `body` alone.
            try execute("RELEASE SAVEPOINT \(name)")
        } catch {
            try? execute("ROLLBACK TO SAVEPOINT \(name)")
            try? execute("RELEASE SAVEPOINT \(name)")
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
