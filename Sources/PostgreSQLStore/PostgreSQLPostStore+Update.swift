import GoodNews
import PostgreSQL

extension PostgreSQLPostStore {
    /// Applies a PATCH validated by `PostService.patch(from:)`: only the given columns are written (so the
    /// search vector is recomputed only when text changes), `updated_at` becomes `now`. A post turning
    /// published without a date is dated `now`; clearing the date of a published post is a 422.
    /// `FOR UPDATE`: a PATCH on another node waits for this one instead of overwriting what it read.
    func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp) throws -> StoredContent {
        guard let current = try connection.query(
            "SELECT id, slug, status, published_at FROM posts p WHERE \(ref.condition(alias: "p")) FOR UPDATE",
            [ref.value]).first else { throw ServiceError.notFound("no post \"\(ref)\"") }
        let id = current.int64(0)
        let oldSlug = current.string(1)
        let oldStatus = PostStatus(rawValue: current.string(2)) ?? .draft
        let oldPublishedAt = current.optionalInt64(3)

        var changes = ColumnChanges()
        if let slug = patch.slug, slug != oldSlug {
            try SlugAssignment.claim(slug, in: .posts, for: id, on: connection)
            changes.set("slug", .text(slug))
        }
        if let title = patch.title { changes.set("title", .text(title)) }
        if let summary = patch.summary { changes.set("summary", .text(summary)) }
        if let body = patch.body { changes.set("body", .text(body)) }
        if let html = patch.bodyHTML { changes.set("body_html", .text(html)) }
        if let status = patch.status { changes.set("status", .text(status.rawValue)) }
        let status = patch.status ?? oldStatus
        let publishedAt: Int64? = patch.publishedAt.map { $0?.seconds } ?? oldPublishedAt
        if status == .published && publishedAt == nil {
            if patch.publishedAt != nil {
                throw ServiceError.invalid("published_at", "cannot be null for a published post")
            }
            changes.set("published_at", .integer(now.seconds))
        } else if let changed = patch.publishedAt {
            changes.set("published_at", Value(changed?.seconds))
        }
        if let image = patch.image {
            changes.set("image_url", Value(image?.url))
            changes.set("image_caption", Value(image?.caption))
        }
        let linkedCases = try patch.cases.map { try caseIDs($0) }
        changes.set("updated_at", .integer(now.seconds))

        try refusingConstraints {
            try changes.execute(in: .posts, id: id, slug: patch.slug ?? oldSlug, on: connection)
            if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .posts, on: connection) }
            if let linkedCases { try link(linkedCases, to: id, isNew: false) }
        }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
