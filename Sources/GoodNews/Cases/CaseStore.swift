import SQLite

/// The SQL of cases. Writes take the caller's `Connection`, so they compose: the HTTP routes run them in
/// `Database.write` (one savepoint per request), the importer runs many in one transaction.
/// Domain errors (`ServiceError`: slug taken 409, no such case 404, case with actions 409) are thrown
/// before anything is written; an SQLite error part-way leaves the rollback to the caller's transaction.
public enum CaseStore {
    /// Writes a case validated by `CaseService` (`input(from:)` or `validate(_:)`): slug derived from the
    /// name and made unique when absent, `created_at`/`updated_at` `now` unless given (an import restoring
    /// a backup). Its tally row starts at 0 (trigger `cases_tally_after_insert`).
    public static func insert(_ input: CaseInput, on connection: Connection, now: Timestamp,
                              createdAt: Timestamp? = nil, updatedAt: Timestamp? = nil) throws -> StoredContent {
        let slug: String
        if let given = input.slug {
            try SlugAssignment.claim(given, in: .cases, on: connection)
            slug = given
        } else {
            slug = try SlugAssignment.unique(from: Slug.derive(from: input.name, fallback: "case"), in: .cases,
                                             on: connection)
        }
        let insert = try connection.cachedStatement("""
            INSERT INTO cases (slug, name, country, summary, description, status, outcome, campaign, action_goal,
                               created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(slug, at: 1)
        try insert.bind(input.name, at: 2)
        try insert.bind(input.country, at: 3)
        try insert.bind(input.summary, at: 4)
        try insert.bind(input.description, at: 5)
        try insert.bind(input.status.rawValue, at: 6)
        try insert.bind(input.outcome, at: 7)
        try insert.bind(input.campaign, at: 8)
        try insert.bind(input.actionGoal, at: 9)
        try insert.bind((createdAt ?? now).seconds, at: 10)
        try insert.bind((updatedAt ?? createdAt ?? now).seconds, at: 11)
        try SlugAssignment.mappingConflict(slug) { try insert.execute() }
        let id = connection.lastInsertRowID
        try TagLinks.replace(input.tags, of: id, in: .cases, on: connection, isNew: true)
        return StoredContent(id: id, slug: slug)
    }

    /// Deletes a case without actions (its tags, tally rows and post links go with it); 404 when there is
    /// none, 409 when it has recorded actions (the tallies are history: close it instead).
    public static func delete(_ ref: ContentRef, on connection: Connection) throws {
        let find = try connection.cachedStatement("""
            SELECT c.id, EXISTS (SELECT 1 FROM actions a WHERE a.case_id = c.id)
            FROM cases c WHERE \(ref.condition(alias: "c"))
            """)
        try ref.bind(to: find, at: 1)
        guard try find.step() else {
            find.reset()
            throw ServiceError.notFound("no case \"\(ref)\"")
        }
        let id = find.int64(0)
        let hasActions = find.bool(1)
        find.reset()
        if hasActions { throw hasActionsConflict }
        let delete = try connection.cachedStatement("DELETE FROM cases WHERE id = ?")
        try delete.bind(id, at: 1)
        do {
            try delete.execute()
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            throw hasActionsConflict  // ON DELETE RESTRICT, should an action have slipped in
        }
    }

    static let hasActionsConflict = ServiceError.conflict(
        "the case has recorded actions and cannot be deleted; close it instead (PATCH {\"status\": \"closed\"})")
}
