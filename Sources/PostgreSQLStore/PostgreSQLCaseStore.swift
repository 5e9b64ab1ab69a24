import GoodNews
import PostgreSQL
import StoreCommon

/// The SQL of cases. Domain errors (`ServiceError`: slug taken 409, no such case 404, case with actions
/// 409) are thrown before anything is written.
struct PostgreSQLCaseStore: CaseStore {
    let tx: PostgreSQLTransaction
    var connection: Connection { tx.connection }

    /// The columns of a case in `CaseColumn`'s order, for `FROM cases c`: tags in link order, the tally summed
    /// over its slots, its kinds as `kind chr(31) total` joined by `chr(30)`, by kind.
    static let columns = """
        c.id, c.slug, c.name, c.country, c.summary, c.description, c.status, c.outcome, c.campaign, \
        c.action_goal, c.created_at, c.updated_at, \
        (SELECT \(joinedList("t.tag", order: "t.position")) FROM case_tags t WHERE t.case_id = c.id), \
        (SELECT coalesce(sum(s.total), 0)::bigint FROM case_tally_slots s WHERE s.case_id = c.id), \
        (SELECT string_agg(k.kind || chr(31) || k.total, chr(30) ORDER BY k.kind) FROM \
        (SELECT kind, sum(total) AS total FROM case_tallies_by_kind WHERE case_id = c.id GROUP BY kind \
        HAVING sum(total) > 0) k), \
        c.description_html
        """

    /// Writes a validated case; its tally's slot 0 starts at 0 (trigger `cases_tally_after_insert`).
    func insert(_ input: CaseInput, now: Timestamp, createdAt: Timestamp?, updatedAt: Timestamp?) throws -> StoredContent {
        try refusingConstraints {
            let slug: String
            if let given = input.slug {
                try SlugAssignment.claim(given, in: .cases, on: connection)
                slug = given
            } else {
                slug = try SlugAssignment.unique(from: Slug.derive(from: input.name, fallback: "case"), in: .cases,
                                                 on: connection)
            }
            let id = try SlugAssignment.mappingConflict(slug, in: .cases) {
                try connection.query("""
                    INSERT INTO cases (slug, name, country, summary, description, status, outcome, campaign,
                                       action_goal, created_at, updated_at, description_html)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
                    """, [.text(slug), .text(input.name), .text(input.country), .text(input.summary),
                          .text(input.description), .text(input.status.rawValue), Value(input.outcome),
                          Value(input.campaign), Value(input.actionGoal), .integer((createdAt ?? now).seconds),
                          .integer((updatedAt ?? createdAt ?? now).seconds), Value(input.descriptionHTML)])
                    .scalarInt64() ?? 0
            }
            try TagLinks.replace(input.tags, of: id, in: .cases, on: connection, isNew: true)
            tx.changes.content = true
            return StoredContent(id: id, slug: slug)
        }
    }

    /// Deletes a case without actions; 404 when there is none, 409 when it has recorded actions.
    func delete(_ ref: ContentRef) throws {
        guard let found = try connection.query("""
            SELECT c.id, EXISTS (SELECT 1 FROM actions a WHERE a.case_id = c.id)
            FROM cases c WHERE \(ref.condition(alias: "c")) FOR UPDATE
            """, [ref.value]).first else { throw ServiceError.notFound("no case \"\(ref)\"") }
        if found.bool(1) { throw PostgreSQLCaseStore.hasActionsConflict }
        do {
            try connection.execute("DELETE FROM cases WHERE id = $1", [.integer(found.int64(0))])
        } catch let error as PostgreSQLError where error.state == .foreignKeyViolation {
            throw PostgreSQLCaseStore.hasActionsConflict  // ON DELETE RESTRICT: an action from another node
        }
        tx.changes.content = true
    }

    func id(slug: String) throws -> Int64? {
        try SlugAssignment.owner(of: slug, in: .cases, on: connection)
    }

    func unrenderedDescriptions(limit: Int) throws -> [(id: Int64, description: String)] {
        try RenderedMarkdownColumns.pending(.caseDescription, limit: limit, on: connection)
            .map { (id: $0.0, description: $0.1) }
    }

    func setDescriptionHTML(_ html: String, of id: Int64) throws {
        try RenderedMarkdownColumns.store(html, .caseDescription, of: id, in: tx)
    }

    static let hasActionsConflict = ServiceError.conflict(
        "the case has recorded actions and cannot be deleted; close it instead (PATCH {\"status\": \"closed\"})")
}
