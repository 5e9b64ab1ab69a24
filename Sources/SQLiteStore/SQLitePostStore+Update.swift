import GoodNews
import SQLite
import StoreCommon

extension SQLitePostStore {
    /// Applies a PATCH validated by `PostService.patch(from:)`: the columns `PatchColumns.post` names.
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

        if let slug = patch.slug, slug != oldSlug { try SlugAssignment.claim(slug, in: .posts, for: id, on: connection) }
        let changes = try PatchColumns.post(patch, oldSlug: oldSlug, oldStatus: oldStatus, oldPublishedAt: oldPublishedAt,
                                            now: now)
        let linkedCases = try patch.cases.map { try caseIDs($0) }

        try ColumnChanges(changes).execute(in: .posts, id: id, slug: patch.slug ?? oldSlug, on: connection)
        if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .posts, on: connection) }
        if let linkedCases { try link(linkedCases, to: id, isNew: false) }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
