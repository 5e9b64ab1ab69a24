/// What the live stream reads, each time from one snapshot (the caller's `Storage.snapshot`): the newest
/// action id, and the current tallies of the cases that changed after a given id.
public enum TallyEventReader {
    /// Past this many new actions, a catch-up reads every case's tally instead of walking the actions, so a
    /// catch-up costs at most this many index entries or one tally per case.
    static let walkLimit: Int64 = 10_000

    /// The tallies of the cases with actions after `afterID` up to `newest` (every case with a tally when
    /// `afterID` is newer than `newest` — an id from another database — or too far back), in case-id order.
    /// `caseID` narrows to one case, whose tally is then read whether or not it changed. No arithmetic on
    /// `afterID` can overflow: it is compared before anything is subtracted from it.
    public static func changes(after afterID: Int64, caseID: Int64? = nil, newest: Int64,
                        in tx: any StorageTransaction) throws -> [TallyEvent] {
        let actions = tx.actions
        var caseIDs: [Int64] = []
        if let caseID {
            caseIDs = [caseID]
        } else if afterID < newest {
            if afterID >= 0 && newest - afterID <= walkLimit {
                caseIDs = try actions.changedCases(after: afterID, newest: newest)
            } else {
                caseIDs = try actions.casesWithTallies()
            }
        } else if afterID > newest {
            caseIDs = try actions.casesWithTallies()
        }
        return try caseIDs.compactMap { try actions.event(caseID: $0) }
    }
}
