import GoodNews

/// A value for a column of a partial UPDATE, in neither engine's own type.
public enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null

    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    public init(_ integer: Int64?) { self = integer.map { .integer($0) } ?? .null }
}

/// What a validated PATCH writes, column by column, the same on both engines: only the fields it names (so
/// full-text data is recomputed only when text changes), and `updated_at` = `now`. The store checks that a
/// new slug is free (a 409) before it runs the UPDATE.
public enum PatchColumns {
    /// A post turning published without a date is dated `now`; clearing the date of a published post is a 422.
    public static func post(_ patch: PostPatch, oldSlug: String, oldStatus: PostStatus, oldPublishedAt: Int64?,
                            now: Timestamp) throws -> [(column: String, value: ColumnValue)] {
        var changes: [(column: String, value: ColumnValue)] = []
        if let slug = patch.slug, slug != oldSlug { changes.append(("slug", .text(slug))) }
        if let title = patch.title { changes.append(("title", .text(title))) }
        if let summary = patch.summary { changes.append(("summary", .text(summary))) }
        if let body = patch.body { changes.append(("body", .text(body))) }
        if let html = patch.bodyHTML { changes.append(("body_html", .text(html))) }
        if let status = patch.status { changes.append(("status", .text(status.rawValue))) }
        let status = patch.status ?? oldStatus
        let publishedAt: Int64? = patch.publishedAt.map { $0?.seconds } ?? oldPublishedAt
        if status == .published && publishedAt == nil {
            if patch.publishedAt != nil {
                throw ServiceError.invalid("published_at", "cannot be null for a published post")
            }
            changes.append(("published_at", .integer(now.seconds)))
        } else if let changed = patch.publishedAt {
            changes.append(("published_at", ColumnValue(changed?.seconds)))
        }
        if let image = patch.image {
            changes.append(("image_url", ColumnValue(image?.url)))
            changes.append(("image_caption", ColumnValue(image?.caption)))
        }
        changes.append(("updated_at", .integer(now.seconds)))
        return changes
    }

    public static func `case`(_ patch: CasePatch, oldSlug: String, now: Timestamp) -> [(column: String, value: ColumnValue)] {
        var changes: [(column: String, value: ColumnValue)] = []
        if let slug = patch.slug, slug != oldSlug { changes.append(("slug", .text(slug))) }
        if let name = patch.name { changes.append(("name", .text(name))) }
        if let country = patch.country { changes.append(("country", .text(country))) }
        if let summary = patch.summary { changes.append(("summary", .text(summary))) }
        if let description = patch.description { changes.append(("description", .text(description))) }
        if let html = patch.descriptionHTML { changes.append(("description_html", .text(html))) }
        if let status = patch.status { changes.append(("status", .text(status.rawValue))) }
        if let outcome = patch.outcome { changes.append(("outcome", ColumnValue(outcome))) }
        if let campaign = patch.campaign { changes.append(("campaign", ColumnValue(campaign))) }
        if let goal = patch.actionGoal { changes.append(("action_goal", ColumnValue(goal))) }
        changes.append(("updated_at", .integer(now.seconds)))
        return changes
    }
}
