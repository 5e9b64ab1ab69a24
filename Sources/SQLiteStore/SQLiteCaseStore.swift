import GoodNews
import SQLite
import StoreCommon

/// The SQL of cases. Domain errors (`ServiceError`: slug taken 409, no such case 404, case with actions
/// 409) are thrown before anything is written; an SQLite error part-way leaves the rollback to the unit
/// of work.
struct SQLiteCaseStore: CaseStore {
    let tx: SQLiteTransaction
    var connection: Connection { tx.connection }

    /// The columns of a case in `CaseColumn`'s order, for `FROM cases c`: tags joined in link order (primary
    /// key `(case_id, position)`), the tally from the trigger-kept tables (schema 0003), its kinds as
    /// `kind char(31) total` joined by `char(30)`.
    static let columns = """
        c.id, c.slug, c.name, c.country, c.summary, c.description, c.status, c.outcome, c.campaign, \
        c.action_goal, c.created_at, c.updated_at, \
        (SELECT \(joinedList("t.tag")) FROM case_tags t WHERE t.case_id = c.id), \
        coalesce((SELECT ct.total FROM case_tallies ct WHERE ct.case_id = c.id), 0), \
        (SELECT group_concat(k.kind || char(31) || k.total, char(30)) FROM case_tallies_by_kind k \
        WHERE k.case_id = c.id), \
        c.description_html
        """

    /// Writes a case validated by `CaseService` (`input(from:)` or `validate(_:)`): slug derived from the
    /// name and made unique when absent, `created_at`/`updated_at` `now` unless given (an import restoring
    /// a backup). Its tally row starts at 0 (trigger `cases_tally_after_insert`).
    func insert(_ input: CaseInput, now: Timestamp, createdAt: Timestamp?, updatedAt: Timestamp?) throws -> StoredContent {
        try refusingConstraints { try insertRow(input, now: now, createdAt: createdAt, updatedAt: updatedAt) }
    }

    private func insertRow(_ input: CaseInput, now: Timestamp, createdAt: Timestamp?,
                           updatedAt: Timestamp?) throws -> StoredContent {
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
                               created_at, updated_at, description_html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
        try insert.bind(input.descriptionHTML, at: 12)
        try SlugAssignment.mappingConflict(slug) { try insert.execute() }
        let id = connection.lastInsertRowID
        try TagLinks.replace(input.tags, of: id, in: .cases, on: connection, isNew: true)
        tx.changes.content = true
        return StoredContent(id: id, slug: slug)
    }

    /// Deletes a case without actions (its tags, tally rows and post links go with it); 404 when there is
    /// none, 409 when it has recorded actions (the tallies are history: close it instead).
    func delete(_ ref: ContentRef) throws {
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
        if hasActions { throw SQLiteCaseStore.hasActionsConflict }
        let delete = try connection.cachedStatement("DELETE FROM cases WHERE id = ?")
        try delete.bind(id, at: 1)
        do {
            try delete.execute()
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            throw SQLiteCaseStore.hasActionsConflict  // ON DELETE RESTRICT, should an action have slipped in
        }
        tx.changes.content = true
    }

    func id(slug: String) throws -> Int64? {
        try SlugAssignment.owner(of: slug, in: .cases, on: connection)
    }

    func unrenderedDescriptions(limit: Int) throws -> [(id: Int64, description: String)] {
        try RenderedMarkdownColumns.pending(.caseDescription, limit: limit, in: tx).map { (id: $0.0, description: $0.1) }
    }

    func setDescriptionHTML(_ html: String, of id: Int64) throws {
        try RenderedMarkdownColumns.store(html, .caseDescription, of: id, in: tx)
    }

    static let hasActionsConflict = ServiceError.conflict(
        "the case has recorded actions and cannot be deleted; close it instead (PATCH {\"status\": \"closed\"})")
}
