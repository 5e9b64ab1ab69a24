extension Writer {
    /// Group commit: one BEGIN IMMEDIATE … COMMIT for the whole batch, each job in its own
    /// SAVEPOINT. A job that throws is rolled back alone and keeps its error; the others
    /// commit together, so a batch of n writes costs one WAL sync instead of n. If COMMIT
    /// fails, or a job's failure ends the transaction (SQLITE_FULL and SQLITE_IOERR may roll it
    /// all back), every job whose work was lost gets an `SQLiteError` with the code of that
    /// failure, so a caller can tell "storage unavailable, try again" from a fault of its own.
    func runGroup(_ batch: [any WriteJob]) {
        var pending = batch[...]
        while !pending.isEmpty {
            do {
                try run("BEGIN IMMEDIATE")
            } catch {
                for job in pending { job.fail(error) }
                return
            }
            transactions.add(1, ordering: .relaxed)
            var succeeded: [any WriteJob] = []
            while let job = pending.popFirst() {
                do {
                    if try runInSavepoint(job) { succeeded.append(job) }
                } catch {
                    // The transaction is gone or unusable: nothing in it can be reported as
                    // committed. The jobs after this one get a fresh transaction.
                    job.fail(error)
                    for done in succeeded { done.fail(error) }
                    succeeded = []
                    connection.rollbackIfNeeded()
                    break
                }
            }
            guard connection.isInTransaction else { continue }
            do {
                try run("COMMIT")
            } catch {
                connection.rollbackIfNeeded()
                for done in succeeded { done.fail(error) }
            }
        }
    }

    /// Runs one job between SAVEPOINT and RELEASE (or ROLLBACK TO); returns whether it
    /// succeeded. Throws when the batch's transaction cannot go on.
    private func runInSavepoint(_ job: any WriteJob) throws -> Bool {
        try run("SAVEPOINT goodnews_write")
        var succeeded = job.run(on: connection)
        connection.resetActiveStatements()
        // Errors such as SQLITE_FULL or SQLITE_IOERR may roll the whole transaction back, and a
        // job that ran COMMIT or ROLLBACK itself ended it: either way the batch cannot go on.
        guard connection.isInTransaction else { throw Writer.transactionLost(by: job.error) }
        if succeeded {
            do {
                try run("RELEASE goodnews_write")
            } catch {
                job.fail(error)
                succeeded = false
            }
        }
        if !succeeded {
            // "The ROLLBACK TO command reverts the state of the database back to what it was
            // just after the corresponding SAVEPOINT"; RELEASE then removes it from the stack.
            try run("ROLLBACK TO goodnews_write")
            try run("RELEASE goodnews_write")
        }
        return succeeded
    }

    /// The error for the jobs of a batch whose transaction a job's failure ended: that failure's
    /// code, or SQLITE_ABORT when the job ended the transaction itself without an SQLite error.
    static func transactionLost(by cause: (any Error)?) -> SQLiteError {
        guard let cause else {
            return SQLiteError(code: .abort, message: "the write transaction ended inside a job")
        }
        let code = (cause as? SQLiteError)?.code ?? .abort
        return SQLiteError(code: code, message: "the write transaction was rolled back by a job's failure: \(cause)")
    }

    /// Runs an exclusive job alone in autocommit mode (migrations, imports, maintenance).
    func runExclusive(_ job: any WriteJob) {
        transactions.add(1, ordering: .relaxed)
        _ = job.run(on: connection)
        connection.resetActiveStatements()
        if connection.isInTransaction {
            connection.rollbackIfNeeded()
            job.fail(SQLiteError.misuse("an exclusive job left a transaction open; it was rolled back"))
        }
    }

    private func run(_ sql: String) throws {
        try connection.cachedStatement(sql).execute()
    }
}
