import CSQLite

extension Connection {
    /// Writes a consistent copy of the main database to `path` (created or overwritten).
    ///
    /// Uses the online backup API in one step: "If N is negative, all remaining source pages
    /// are copied". The source is read inside one read transaction, so in WAL mode the copy
    /// is a snapshot and writers on other connections carry on meanwhile.
    public func backup(to path: String) throws {
        let source = try openHandle()
        let destination = try Connection(path: path, mode: .readWriteCreate)
        defer { destination.close() }
        let target = try destination.openHandle()
        guard let backup = sqlite3_backup_init(target, "main", source, "main") else {
            throw SQLiteError(code: sqlite3_extended_errcode(target), connection: target)
        }
        var rc = sqlite3_backup_step(backup, -1)
        var retries = 0
        while rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK, retries < 500 {
            // "If SQLITE_BUSY or SQLITE_LOCKED is returned, then the ... call can be retried";
            // give up after about five seconds rather than hang on a stuck lock.
            sqlite3_sleep(10)
            retries += 1
            rc = sqlite3_backup_step(backup, -1)
        }
        // "sqlite3_backup_finish() returns SQLITE_OK if no errors occurred ... or an error
        // code" describing the failure of any step.
        let finish = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE, finish == SQLITE_OK else {
            let code = rc == SQLITE_DONE ? finish : rc
            throw SQLiteError(code: code, connection: target, sql: nil)
        }
    }
}
