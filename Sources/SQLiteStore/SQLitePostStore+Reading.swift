import GoodNews
import SQLite
import StoreCommon

extension SQLitePostStore {
    func post(_ ref: ContentRef, publicAt now: Int64?) throws -> Post? {
        var sql = "SELECT \(SQLitePostStore.columns) FROM posts p WHERE \(ref.condition(alias: "p"))"
        if now != nil { sql += " AND p.status = 'published' AND p.published_at <= ?" }
        let query = try connection.cachedStatement(sql)
        defer { query.reset() }
        try ref.bind(to: query, at: 1)
        if let now { try query.bind(now, at: 2) }
        guard try query.step() else { return nil }
        return PostColumn.post(query)
    }

    /// The earliest `published_at` after `now` among published posts: when the public feed next changes
    /// without a write. One seek in `posts_by_status_published`.
    func nextPublication(after now: Int64) throws -> Int64? {
        let query = try connection.cachedStatement("""
            SELECT published_at FROM posts WHERE status = 'published' AND published_at > ?
            ORDER BY published_at LIMIT 1
            """)
        try query.bind(now, at: 1)
        return try query.scalarInt64()
    }

    /// A page of a post list, newest first, with `next_cursor` and (if asked) the total.
    ///
    /// The position is ONE row-value upper bound, the smallest of "now" (public feed), `to` and the cursor,
    /// so SQLite walks the index from exactly there (migrations/README.md, "Feed").
    func page(_ query: PostListQuery, scope: PostListQuery.Scope, now: Int64) throws -> ListPage<Post> {
        let sql = PostListSQL(query: query, scope: scope)
        let position = ContentRules.PostListPosition(query, scope: scope, now: now)

        var posts: [Post] = []
        posts.reserveCapacity(query.common.limit)
        var hasMore = false
        func walk(_ statement: Statement) throws {
            defer { statement.reset() }
            while try statement.step() {
                if posts.count == query.common.limit { hasMore = true; return }
                posts.append(PostColumn.post(statement))
            }
        }
        if position.startsDated {
            let statement = try connection.cachedStatement(sql.page(.dated))
            try bindFilters(query, to: statement)
            try statement.bind(position.bound.at, named: ":at")
            try statement.bind(position.bound.id, named: ":id")
            try statement.bind(query.common.limit + 1, named: ":limit")
            try walk(statement)
        }
        if !hasMore, position.includesUndated {
            let statement = try connection.cachedStatement(sql.page(.undated))
            try bindFilters(query, to: statement)
            try statement.bind(position.undatedBelow, named: ":id")
            try statement.bind(query.common.limit - posts.count + 1, named: ":limit")
            try walk(statement)
        }
        let next = hasMore ? posts.last?.cursor.token : nil

        var total: Int?
        if query.common.includeTotal {
            let upper = ContentRules.PostListPosition.totalUpperBound(query, scope: scope, now: now)
            let statement = try connection.cachedStatement(sql.count(hasUpperBound: upper != nil))
            try bindFilters(query, to: statement)
            if let upper { try statement.bind(upper, named: ":upper") }
            total = Int(try statement.scalarInt64() ?? 0)
        }
        return ListPage(items: posts, nextCursor: next, total: total)
    }

    private func bindFilters(_ query: PostListQuery, to statement: Statement) throws {
        switch query.caseRef {
        case .id(let id)?: try statement.bind(id, named: ":case_id")
        case .slug(let slug)?: try statement.bind(slug, named: ":case_slug")
        case nil: break
        }
        if let tag = query.common.tag { try statement.bind(tag, named: ":tag") }
        if let from = query.from { try statement.bind(from, named: ":from") }
        if let search = query.common.search { try statement.bind(search, named: ":q") }
    }
}
