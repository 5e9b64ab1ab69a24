import GoodNews
import PostgreSQL
import StoreCommon

extension PostgreSQLCaseStore {
    /// Applies a PATCH validated by `CaseService.patch(from:)`: the columns `PatchColumns.case` names; the row
    /// is locked first, so PATCHes on two nodes apply one after the other.
    func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp) throws -> StoredContent {
        guard let current = try connection.query(
            "SELECT id, slug FROM cases c WHERE \(ref.condition(alias: "c")) FOR UPDATE", [ref.value]).first
        else { throw ServiceError.notFound("no case \"\(ref)\"") }
        let id = current.int64(0)
        let oldSlug = current.string(1)

        if let slug = patch.slug, slug != oldSlug { try SlugAssignment.claim(slug, in: .cases, for: id, on: connection) }
        let changes = PatchColumns.case(patch, oldSlug: oldSlug, now: now)

        try refusingConstraints {
            try ColumnChanges(changes).execute(in: .cases, id: id, slug: patch.slug ?? oldSlug, on: connection)
            if let tags = patch.tags { try TagLinks.replace(tags, of: id, in: .cases, on: connection) }
        }
        tx.changes.content = true
        return StoredContent(id: id, slug: patch.slug ?? oldSlug)
    }
}
