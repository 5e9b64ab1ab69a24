import GoodNews
import SQLite

extension SQLiteCaseStore {
    /// Applies a PATCH validated by `CaseService.patch(from:)`: only the given columns are written (so
    /// full-text rows are rebuilt only when text changes), `updated_at` becomes `now`.
    func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp) throws -> StoredContent {
        let current = try connection.cachedStatement(
            "SELECT id, slug FROM cases WHERE \(ref.condition(alias: "cases"))")
        try ref.bind(to: current, at: 1)
        guard try current.step() else {
            current.reset()
            throw ServiceError.notFound("no case \"\(ref)\"")
        }
        let id = current.int64(0)
        let oldSlug = current.string(1)
        current.reset()

        var changes = ColumnChanges()
        func text(_ value: String?) -> Value { value.map { .text($0) } ?? .null }
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
        if let outcome = patch.outcome { changes.set("outcome", text(outcome)) }
        if let campaign = patch.campaign { changes.set("campaign", text(campaign)) }
        if let goal = patch.actionGoal { changes.set("action_goal", goal.map { .integer($0) } ?? .null) }
        changes.set("updated_at", .integer(now.seconds))

        try changes.execute(in: .cases, id: id, slug: patch.slug ?? oldSlug, on: connection)
        if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .cases, on: connection) }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
