import GoodNews
import SQLite

extension SQLitePostStore {
    /// Applies a PATCH validated by `PostService.patch(from:)`: only the given columns are written (so
    /// full-text rows are rebuilt only when text changes), `updated_at` becomes `now`. A post turning
    /// published without a date is dated `now`; clearing the date of a published post is a 422.
    func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp) throws -> StoredContent {
        let current = try connection.cachedStatement(
            "SELECT id, slug, status, published_at FROM posts WHERE \(ref.condition(alias: "posts"))")
        try ref.bind(to: current, at: 1)
        guard try current.step() else { throw ServiceError.notFound("no post \"\(ref)\"") }
        let id = current.int64(0)
        let oldSlug = current.string(1)
        let oldStatus = PostStatus(rawValue: current.string(2)) ?? .draft
        let oldPublishedAt = current.optionalInt64(3)
        current.reset()

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
            let value: Value = changed.map { .integer($0.seconds) } ?? .null
            changes.set("published_at", value)
        }
        if let image = patch.image {
            let url: Value = image.map { .text($0.url) } ?? .null
            let caption: Value = image?.caption.map { Value.text($0) } ?? .null
            changes.set("image_url", url)
            changes.set("image_caption", caption)
        }
        let linkedCases = try patch.cases.map { try caseIDs($0) }
        changes.set("updated_at", .integer(now.seconds))

        try changes.execute(in: .posts, id: id, slug: patch.slug ?? oldSlug, on: connection)
        if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .posts, on: connection) }
        if let linkedCases { try link(linkedCases, to: id, isNew: false) }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
