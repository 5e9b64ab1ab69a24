import GoodNews
import SQLite
import StoreCommon

/// The SQL of posts. Domain errors (`ServiceError`: unknown case 422, slug taken 409, no such post 404)
/// are thrown before anything is written; an SQLite error part-way leaves the rollback to the unit of
/// work (`SQLiteStorage.write`: one savepoint; `batch`: the importer's transaction).
struct SQLitePostStore: PostStore {
    let tx: SQLiteTransaction
    var connection: Connection { tx.connection }

    /// The columns of a post in `PostColumn`'s order, for `FROM posts p`: tags and case slugs joined in link
    /// order (each subquery walks its table's primary key `(post_id, position)`).
    static let columns = """
        p.id, p.slug, p.title, p.summary, p.body, p.status, p.published_at, p.image_url, p.image_caption, \
        p.created_at, p.updated_at, \
        (SELECT \(joinedList("t.tag")) FROM post_tags t WHERE t.post_id = p.id), \
        (SELECT \(joinedList("c.slug")) FROM post_cases pc CROSS JOIN cases c ON c.id = pc.case_id \
        WHERE pc.post_id = p.id), \
        p.body_html
        """

    func insert(_ input: PostInput, now: Timestamp, createdAt: Timestamp?, updatedAt: Timestamp?) throws -> StoredContent {
        try refusingConstraints {
            let caseIDs = try caseIDs(input.cases)
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
                                   created_at, updated_at, body_html)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            try insert.bind(input.bodyHTML, at: 11)
            try SlugAssignment.mappingConflict(slug) { try insert.execute() }
            let id = connection.lastInsertRowID
            try TagLinks.replace(input.tags, of: id, in: .posts, on: connection, isNew: true)
            try link(caseIDs, to: id, isNew: true)
            tx.changes.content = true
            return StoredContent(id: id, slug: slug)
        }
    }

    func delete(_ ref: ContentRef) throws {
        let delete = try connection.cachedStatement("DELETE FROM posts WHERE \(ref.condition(alias: "posts"))")
        try ref.bind(to: delete, at: 1)
        try delete.execute()
        if connection.changes == 0 { throw ServiceError.notFound("no post \"\(ref)\"") }
        tx.changes.content = true
    }

    /// The ids of the cases named by `slugs`, in order; 422 with `cases[i]` "no such case" for each unknown one.
    func caseIDs(_ slugs: [String]) throws -> [Int64] {
        try ContentRules.caseIDs(slugs) { try SlugAssignment.owner(of: $0, in: .cases, on: connection) }
    }

    func link(_ caseIDs: [Int64], to postID: Int64, isNew: Bool) throws {
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

    func unrenderedBodies(limit: Int) throws -> [(id: Int64, body: String)] {
        try RenderedMarkdownColumns.pending(.postBody, limit: limit, in: tx).map { (id: $0.0, body: $0.1) }
    }

    func setBodyHTML(_ html: String, of id: Int64) throws {
        try RenderedMarkdownColumns.store(html, .postBody, of: id, in: tx)
    }

    func isEmpty() throws -> Bool {
        try connection.cachedStatement("""
            SELECT NOT EXISTS (SELECT 1 FROM posts) AND NOT EXISTS (SELECT 1 FROM cases)
            """).scalarInt64() == 1
    }
}
