import SQLite

/// What the live stream reads, each time from one snapshot (the caller's transaction): the newest action id,
/// and the current tallies of the cases that changed after a given id.
enum TallyEventReader {
    /// Past this many new actions, a catch-up reads every case's tally instead of walking the actions, so a
    /// catch-up costs at most this many index entries or one tally per case.
    static let walkLimit: Int64 = 10_000

    /// The tallies of the cases with actions after `afterID` up to `newest` (every case with a tally when
    /// `afterID` is newer than `newest` — an id from another database — or too far back), in case-id order.
    /// `caseID` narrows to one case, whose tally is then read whether or not it changed. Runs inside the
    /// caller's read transaction, the one `newest` was read in. No arithmetic on `afterID` can overflow:
    /// it is compared before anything is subtracted from it.
    static func changes(after afterID: Int64, caseID: Int64? = nil, newest: Int64,
                        on connection: Connection) throws -> [TallyEvent] {
        var caseIDs: [Int64] = []
        if let caseID {
            caseIDs = [caseID]
        } else if afterID < newest {
            let statement: Statement
            if afterID >= 0 && newest - afterID <= walkLimit {
                // The primary key is the rowid: a range of the newest rows, not a scan.
                statement = try connection.cachedStatement(
                    "SELECT DISTINCT case_id FROM actions WHERE id > ? AND id <= ? ORDER BY case_id")
                try statement.bind(afterID, at: 1)
                try statement.bind(newest, at: 2)
            } else {
                statement = try connection.cachedStatement(
                    "SELECT case_id FROM case_tallies WHERE total > 0 ORDER BY case_id")
            }
            caseIDs = try statement.rows { $0.int64(0) }
        } else if afterID > newest {
            caseIDs = try connection.cachedStatement(
                "SELECT case_id FROM case_tallies WHERE total > 0 ORDER BY case_id").rows { $0.int64(0) }
        }
        return try caseIDs.compactMap { try event(caseID: $0, on: connection) }
    }

    /// The newest action id only (to move on while nobody listens).
    static func newestID(on connection: Connection) throws -> Int64 {
        try connection.cachedStatement("SELECT max(id) FROM actions").scalarInt64() ?? 0
    }

    private static func event(caseID: Int64, on connection: Connection) throws -> TallyEvent? {
        let head = try connection.cachedStatement(
            "SELECT c.slug, t.total FROM cases c JOIN case_tallies t ON t.case_id = c.id WHERE c.id = ?")
        try head.bind(caseID, at: 1)
        guard try head.step() else { return nil }
        let slug = head.string(0), total = head.int64(1)
        head.reset()
        let kinds = try connection.cachedStatement("SELECT kind, total FROM case_tallies_by_kind WHERE case_id = ?")
        try kinds.bind(caseID, at: 1)
        return TallyEvent(caseID: caseID, slug: slug, total: total,
                          byKind: try kinds.rows { (kind: $0.string(0), total: $0.int64(1)) })
    }
}
