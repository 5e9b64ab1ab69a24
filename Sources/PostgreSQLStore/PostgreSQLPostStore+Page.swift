import GoodNews
import PostgreSQL
import StoreCommon

extension PostgreSQLPostStore {
    /// A page of a post list, newest first, with `next_cursor` and (if asked) the total: the same walk as on
    /// SQLite (migrations/README.md, "Feed"): ONE row-value upper bound, the smallest of "now" (public
    /// feed), `to` and the cursor, then (admin lists of drafts) the undated drafts by id.
    func page(_ query: PostListQuery, scope: PostListQuery.Scope, now: Int64) throws -> ListPage<Post> {
        let position = ContentRules.PostListPosition(query, scope: scope, now: now)

        var posts: [Post] = []
        posts.reserveCapacity(query.common.limit)
        var hasMore = false
        func walk(_ sql: String, _ values: [Value]) throws {
            for row in try connection.query(sql, values).rows {
                if posts.count == query.common.limit { hasMore = true; return }
                posts.append(PostColumn.post(row))
            }
        }
        if position.startsDated {
            var parameters = Parameters()
            var conditions = filters(query, scope: scope, &parameters)
            conditions.append("(p.published_at, p.id) < (\(parameters.add(position.bound.at)), \(parameters.add(position.bound.id)))")
            let limit = parameters.add(Int64(query.common.limit + 1))
            try walk(select(query, conditions, order: "p.published_at DESC, p.id DESC", limit: limit), parameters.values)
        }
        if !hasMore, position.includesUndated {
            var parameters = Parameters()
            var conditions = filters(query, scope: scope, &parameters)
            conditions.append("p.published_at IS NULL AND p.id < \(parameters.add(position.undatedBelow))")
            let limit = parameters.add(Int64(query.common.limit - posts.count + 1))
            try walk(select(query, conditions, order: "p.id DESC", limit: limit), parameters.values)
        }
        let next = hasMore ? posts.last?.cursor.token : nil

        var total: Int?
        if query.common.includeTotal {
            var parameters = Parameters()
            var conditions = filters(query, scope: scope, &parameters)
            let upper = ContentRules.PostListPosition.totalUpperBound(query, scope: scope, now: now)
            if let upper { conditions.append("p.published_at <= \(parameters.add(upper))") }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            total = Int(try connection.query("SELECT count(*) FROM \(source(query))\(whereClause)",
                                             parameters.values).scalarInt64() ?? 0)
        }
        return ListPage(items: posts, nextCursor: next, total: total)
    }

    private func select(_ query: PostListQuery, _ conditions: [String], order: String, limit: String) -> String {
        "SELECT \(PostgreSQLPostStore.columns) FROM \(source(query)) WHERE \(conditions.joined(separator: " AND ")) "
            + "ORDER BY \(order) LIMIT \(limit)"
    }

    /// Where the walk starts: a case's links, else a tag's links, else the status index.
    private func source(_ query: PostListQuery) -> String {
        if query.caseRef != nil { return "post_cases pc JOIN posts p ON p.id = pc.post_id" }
        if query.common.tag != nil { return "post_tags t JOIN posts p ON p.id = t.post_id" }
        return "posts p"
    }

    /// Everything but the position: status, case, tag, `from`, `q`.
    private func filters(_ query: PostListQuery, scope: PostListQuery.Scope, _ parameters: inout Parameters) -> [String] {
        var conditions: [String] = []
        switch scope {
        case .publicFeed, .published: conditions.append("p.status = 'published'")
        case .drafts: conditions.append("p.status = 'draft'")
        case .all: break
        }
        switch query.caseRef {
        case .id(let id)?: conditions.append("pc.case_id = \(parameters.add(id))")
        case .slug(let slug)?: conditions.append("pc.case_id = (SELECT id FROM cases WHERE slug = \(parameters.add(slug)))")
        case nil: break
        }
        if let tag = query.common.tag {
            let value = parameters.add(tag)
            conditions.append(query.caseRef == nil
                ? "t.tag = \(value)" : "EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = \(value))")
        }
        if let from = query.from { conditions.append("p.published_at >= \(parameters.add(from))") }
        if let search = query.common.search {
            // `search` is SQLite's MATCH text (`"word" "other"`): the quotes become spaces like any other mark.
            conditions.append("p.search @@ goodnews_query(\(parameters.add(PostgreSQLSearchStore.queryText(search.split(separator: " ")))))")
        }
        return conditions
    }
}
