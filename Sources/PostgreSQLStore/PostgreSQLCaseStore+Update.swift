import GoodNews
import PostgreSQL

extension PostgreSQLCaseStore {
    /// Applies a PATCH validated by `CaseService.patch(from:)`: only the given columns are written,
    /// `updated_at` becomes `now`; the row is locked first, so PATCHes on two nodes apply one after the other.
    func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp) throws -> StoredContent {
        guard let current = try connection.query(
            "SELECT id, slug FROM cases c WHERE \(ref.condition(alias: "c")) FOR UPDATE", [ref.value]).first
        else { throw ServiceError.notFound("no case \"\(ref)\"") }
        let id = current.int64(0)
        let oldSlug = current.string(1)

        var changes = ColumnChanges()
        if let slug = patch.slug, slug != oldSlug {
            try SlugAssignment.claim(slug, in: .cases, for: id, on: connection)
            changes.set("slug", .text(slug))
        }
        if let name = patch.name { changes.set("name", .text(name)) }
        if let country = patch.country { changes.set("country", .text(country)) }
        if let summary = patch.summary { changes.set("summary", .text(summary)) }
        if let description = patch.description { changes.set("description", .text(description)) }
        if let html = patch.descriptionHTML { changes.set("description_html", .text(html)) }
        if let status = patch.status { changes.set("status", .text(status.rawValue)) }
        if let outcome = patch.outcome { changes.set("outcome", Value(outcome)) }
        if let campaign = patch.campaign { changes.set("campaign", Value(campaign)) }
        if let goal = patch.actionGoal { changes.set("action_goal", Value(goal)) }
        changes.set("updated_at", .integer(now.seconds))

        try refusingConstraints {
            try changes.execute(in: .cases, id: id, slug: patch.slug ?? oldSlug, on: connection)
            if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .cases, on: connection) }
        }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
