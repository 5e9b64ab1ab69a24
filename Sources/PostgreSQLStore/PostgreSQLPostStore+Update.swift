import GoodNews
import PostgreSQL
import StoreCommon

extension PostgreSQLPostStore {
    /// Applies a PATCH validated by `PostService.patch(from:)`: the columns `PatchColumns.post` names.
    /// `FOR UPDATE`: a PATCH on another node waits for this one instead of overwriting what it read.
    func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp) throws -> StoredContent {
        guard let current = try connection.query(
            "SELECT id, slug, status, published_at FROM posts p WHERE \(ref.condition(alias: "p")) FOR UPDATE",
            [ref.value]).first else { throw ServiceError.notFound("no post \"\(ref)\"") }
        let id = current.int64(0)
        let oldSlug = current.string(1)
        let oldStatus = PostStatus(rawValue: current.string(2)) ?? .draft
        let oldPublishedAt = current.optionalInt64(3)

        if let slug = patch.slug, slug != oldSlug { try SlugAssignment.claim(slug, in: .posts, for: id, on: connection) }
        let changes = try PatchColumns.post(patch, oldSlug: oldSlug, oldStatus: oldStatus, oldPublishedAt: oldPublishedAt,
                                            now: now)
        let linkedCases = try patch.cases.map { try caseIDs($0) }

        try refusingConstraints {
            try ColumnChanges(changes).execute(in: .posts, id: id, slug: patch.slug ?? oldSlug, on: connection)
            if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .posts, on: connection) }
            if let linkedCases { try link(linkedCases, to: id, isNew: false) }
        }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
