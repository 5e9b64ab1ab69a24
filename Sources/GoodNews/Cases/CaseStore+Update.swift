import SQLite

extension CaseStore {
    /// Applies a PATCH validated by `CaseService.patch(from:)`: only the given columns are written (so
    /// full-text rows are rebuilt only when text changes), `updated_at` becomes `now`.
    public static func update(_ ref: ContentRef, with patch: CasePatch, on connection: Connection,
                              now: Timestamp) throws -> StoredContent {
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

        var assignments: [String] = []
        var values: [Value] = []
        func set(_ column: String, _ value: Value) {
            assignments.append("\(column) = ?")
            values.append(value)
        }
        func text(_ value: String?) -> Value { value.map { .text($0) } ?? .null }
        if let slug = patch.slug, slug != oldSlug {
            try SlugAssignment.claim(slug, in: .cases, for: id, on: connection)
            set("slug", .text(slug))
        }
        if let name = patch.name { set("name", .text(name)) }
        if let country = patch.country { set("country", .text(country)) }
        if let summary = patch.summary { set("summary", .text(summary)) }
        if let description = patch.description { set("description", .text(description)) }
        if let status = patch.status { set("status", .text(status.rawValue)) }
        if let outcome = patch.outcome { set("outcome", text(outcome)) }
        if let campaign = patch.campaign { set("campaign", text(campaign)) }
        if let goal = patch.actionGoal { set("action_goal", goal.map { .integer($0) } ?? .null) }
        set("updated_at", .integer(now.seconds))

        let update = try connection.prepare("UPDATE cases SET \(assignments.joined(separator: ", ")) WHERE id = ?")
        try update.bind(values + [.integer(id)])
        try SlugAssignment.mappingConflict(patch.slug ?? oldSlug) { try update.execute() }
        if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .cases, on: connection) }
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
