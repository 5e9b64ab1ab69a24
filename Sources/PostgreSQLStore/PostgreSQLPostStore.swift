import GoodNews
import PostgreSQL
import StoreCommon

/// The SQL of posts. Domain errors (`ServiceError`: unknown case 422, slug taken 409, no such post 404) are
/// thrown before anything is written; a database error part-way rolls the whole unit of work back.
struct PostgreSQLPostStore: PostStore {
    let tx: PostgreSQLTransaction
    var connection: Connection { tx.connection }

    /// The columns of a post in `PostColumn`'s order, for `FROM posts p`: tags and case slugs in link order.
    static let columns = """
        p.id, p.slug, p.title, p.summary, p.body, p.status, p.published_at, p.image_url, p.image_caption, \
        p.created_at, p.updated_at, \
        (SELECT \(joinedList("t.tag", order: "t.position")) FROM post_tags t WHERE t.post_id = p.id), \
        (SELECT \(joinedList("c.slug", order: "pc.position")) FROM post_cases pc JOIN cases c ON c.id = pc.case_id \
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
            let id = try SlugAssignment.mappingConflict(slug, in: .posts) {
                try connection.query("""
                    INSERT INTO posts (slug, title, summary, body, status, published_at, image_url, image_caption,
                                       created_at, updated_at, body_html)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
                    """, [.text(slug), .text(input.title), .text(input.summary), .text(input.body),
                          .text(input.status.rawValue), Value(publishedAt?.seconds), Value(input.image?.url),
                          Value(input.image?.caption), .integer((createdAt ?? now).seconds),
                          .integer((updatedAt ?? createdAt ?? now).seconds), Value(input.bodyHTML)]).scalarInt64() ?? 0
            }
            try TagLinks.replace(input.tags, of: id, in: .posts, on: connection, isNew: true)
            try link(caseIDs, to: id, isNew: true)
            tx.changes.content = true
            return StoredContent(id: id, slug: slug)
        }
    }

    func delete(_ ref: ContentRef) throws {
        let deleted = try connection.execute("DELETE FROM posts p WHERE \(ref.condition(alias: "p"))", [ref.value])
        if deleted == 0 { throw ServiceError.notFound("no post \"\(ref)\"") }
        tx.changes.content = true
    }

    /// The ids of the cases named by `slugs`, in order; 422 with `cases[i]` "no such case" for each unknown one.
    func caseIDs(_ slugs: [String]) throws -> [Int64] {
        try ContentRules.caseIDs(slugs) { try SlugAssignment.owner(of: $0, in: .cases, on: connection) }
    }

    func link(_ caseIDs: [Int64], to postID: Int64, isNew: Bool) throws {
        if !isNew { try connection.execute("DELETE FROM post_cases WHERE post_id = $1", [.integer(postID)]) }
        for (position, caseID) in caseIDs.enumerated() {
            try connection.execute("INSERT INTO post_cases (post_id, position, case_id) VALUES ($1, $2, $3)",
                                   [.integer(postID), .integer(Int64(position)), .integer(caseID)])
        }
    }

    func unrenderedBodies(limit: Int) throws -> [(id: Int64, body: String)] {
        try RenderedMarkdownColumns.pending(.postBody, limit: limit, on: connection).map { (id: $0.0, body: $0.1) }
    }

    func setBodyHTML(_ html: String, of id: Int64) throws {
        try RenderedMarkdownColumns.store(html, .postBody, of: id, in: tx)
    }

    func isEmpty() throws -> Bool {
        try connection.query("SELECT NOT EXISTS (SELECT 1 FROM posts) AND NOT EXISTS (SELECT 1 FROM cases)")
            .first?.bool(0) ?? true
    }

    func post(_ ref: ContentRef, publicAt now: Int64?) throws -> Post? {
        var sql = "SELECT \(PostgreSQLPostStore.columns) FROM posts p WHERE \(ref.condition(alias: "p"))"
        var values = [ref.value]
        if let now {
            sql += " AND p.status = 'published' AND p.published_at <= $2"
            values.append(.integer(now))
        }
        return try connection.query(sql, values).first.map(PostColumn.post)
    }

    func nextPublication(after now: Int64) throws -> Int64? {
        try connection.query("""
            SELECT published_at FROM posts WHERE status = 'published' AND published_at > $1
            ORDER BY published_at LIMIT 1
            """, [.integer(now)]).scalarInt64()
    }

    func feed(now: Int64, limit: Int) throws -> [FeedEntry] {
        try connection.query("""
            SELECT p.id, p.slug, p.title, p.summary, p.body, p.published_at, p.created_at, p.updated_at,
                   (SELECT \(joinedList("t.tag", order: "t.position")) FROM post_tags t WHERE t.post_id = p.id)
            FROM posts p
            WHERE p.status = 'published' AND p.published_at <= $1
            ORDER BY p.published_at DESC, p.id DESC LIMIT $2
            """, [.integer(now), .integer(Int64(limit))]).map(FeedColumn.entry)
    }
}
