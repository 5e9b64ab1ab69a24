import GoodNews
import SQLite
import StoreCommon

extension SQLiteCaseStore {
    /// Applies a PATCH validated by `CaseService.patch(from:)`: the columns `PatchColumns.case` names.
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

        if let slug = patch.slug, slug != oldSlug { try SlugAssignment.claim(slug, in: .cases, for: id, on: connection) }
        try ColumnChanges(PatchColumns.case(patch, oldSlug: oldSlug, now: now)).execute(in: .cases, id: id, slug: patch.slug ?? oldSlug, on: connection)
        if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .cases, on: connection) }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
