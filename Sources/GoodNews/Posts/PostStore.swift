import SQLite

/// The SQL of posts. Writes take the caller's `Connection`, so they compose: the HTTP routes run them in
/// `Database.write` (one savepoint per request), the importer runs many in one transaction.
/// Domain errors (`ServiceError`: unknown case 422, slug taken 409, no such post 404) are thrown before
/// anything is written; an SQLite error part-way leaves the rollback to the caller's transaction.
public enum PostStore {
    /// Writes a post validated by `PostService` (`input(from:)` or `validate(_:)`): slug derived from the
    /// title and made unique when absent, a published post without a date dated `now`, `created_at` and
    /// `updated_at` set to `now` unless given (an import restoring a backup). Cases inserted earlier on the
    /// same connection are visible to it.
    public static func insert(_ input: PostInput, on connection: Connection, now: Timestamp,
                              createdAt: Timestamp? = nil, updatedAt: Timestamp? = nil) throws -> StoredContent {
        let caseIDs = try caseIDs(input.cases, on: connection)
        let slug: String
        if let given = input.slug {
            try SlugAssignment.claim(given, in: .posts, on: connection)
            slug = given
        } else {
            slug = try SlugAssignment.unique(from: Slug.derive(from: input.title, fallback: "post"), in: .posts,
                                             on: connection)
        }
        let publishedAt = input.publishedAt ?? (input.status == .published ? now : nil)
        let insert = try connection.cachedStatement("""
            INSERT INTO posts (slug, title, summary, body, status, published_at, image_url, image_caption,
                               created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(slug, at: 1)
        try insert.bind(input.title, at: 2)
        try insert.bind(input.summary, at: 3)
        try insert.bind(input.body, at: 4)
        try insert.bind(input.status.rawValue, at: 5)
        try insert.bind(publishedAt?.seconds, at: 6)
        try insert.bind(input.image?.url, at: 7)
        try insert.bind(input.image?.caption, at: 8)
        try insert.bind((createdAt ?? now).seconds, at: 9)
        try insert.bind((updatedAt ?? createdAt ?? now).seconds, at: 10)
        try SlugAssignment.mappingConflict(slug) { try insert.execute() }
        let id = connection.lastInsertRowID
        try TagLinks.replace(input.tags, of: id, in: .posts, on: connection, isNew: true)
        try link(caseIDs, to: id, on: connection, isNew: true)
        return StoredContent(id: id, slug: slug)
    }

    /// Deletes a post (its tags and case links go with it); 404 when there is none.
    public static func delete(_ ref: ContentRef, on connection: Connection) throws {
        let delete = try connection.cachedStatement("DELETE FROM posts WHERE \(ref.condition(alias: "posts"))")
        try ref.bind(to: delete, at: 1)
        try delete.execute()
        if connection.changes == 0 { throw ServiceError.notFound("no post \"\(ref)\"") }
    }

    /// The ids of the cases named by `slugs`, in order; 422 with `cases[i]` "no such case" for each unknown one.
    static func caseIDs(_ slugs: [String], on connection: Connection) throws -> [Int64] {
        var ids: [Int64] = []
        var issues = IssueList()
        for (index, slug) in slugs.enumerated() {
            if let id = try SlugAssignment.owner(of: slug, in: .cases, on: connection) {
                if !ids.contains(id) { ids.append(id) }
            } else {
                issues.add("cases[\(index)]", "no such case")
            }
        }
        try issues.throwIfAny()
        return ids
    }

    static func link(_ caseIDs: [Int64], to postID: Int64, on connection: Connection, isNew: Bool) throws {
        if !isNew {
            let clear = try connection.cachedStatement("DELETE FROM post_cases WHERE post_id = ?")
            try clear.bind(postID, at: 1)
            try clear.execute()
        }
        let insert = try connection.cachedStatement(
            "INSERT INTO post_cases (post_id, position, case_id) VALUES (?, ?, ?)")
        for (position, caseID) in caseIDs.enumerated() {
            try insert.bind(postID, at: 1)
            try insert.bind(position, at: 2)
            try insert.bind(caseID, at: 3)
            try insert.execute()
        }
    }
}
