import GoodNews

/// The statements of a post list (migrations/README.md, "Feed"). Filters start the walk where it is
/// cheapest: a case's links, else a tag's links, else the status index. Parameters are named and bound
/// only when their clause is present.
struct PostListSQL {
    /// The newest-first walk over dated rows, then (admin lists of drafts) over undated ones by id.
    enum Phase { case dated, undated }

    let query: PostListQuery
    let scope: PostListQuery.Scope

    /// A page: `:at`/`:id` (dated) or `:id` (undated), and `:limit`.
    func page(_ phase: Phase) -> String {
        var conditions = filters()
        switch phase {
        case .dated: conditions.append("(p.published_at, p.id) < (:at, :id)")
        case .undated: conditions.append("p.published_at IS NULL AND p.id < :id")
        }
        let order = phase == .dated ? "p.published_at DESC, p.id DESC" : "p.id DESC"
        return "SELECT \(SQLitePostStore.columns) FROM \(source) WHERE \(conditions.joined(separator: " AND ")) "
            + "ORDER BY \(order) LIMIT :limit"
    }

    /// `X-Total-Count`: every row of the list whatever the cursor; `:upper` when `hasUpperBound`.
    func count(hasUpperBound: Bool) -> String {
        var conditions = filters()
        if hasUpperBound { conditions.append("p.published_at <= :upper") }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "SELECT count(*) FROM \(source)\(whereClause)"
    }

    private var source: String {
        if query.caseRef != nil { return "post_cases pc CROSS JOIN posts p ON p.id = pc.post_id" }
        if query.common.tag != nil { return "post_tags t CROSS JOIN posts p ON p.id = t.post_id" }
        return "posts p"
    }

    /// Everything but the position: status, case, tag, `from`, `q`.
    private func filters() -> [String] {
        var conditions: [String] = []
        switch scope {
        case .publicFeed, .published: conditions.append("p.status = 'published'")
        case .drafts: conditions.append("p.status = 'draft'")
        case .all: break
        }
        switch query.caseRef {
        case .id?: conditions.append("pc.case_id = :case_id")
        case .slug?: conditions.append("pc.case_id = (SELECT id FROM cases WHERE slug = :case_slug)")
        case nil: break
        }
        if query.common.tag != nil {
            conditions.append(query.caseRef == nil
                ? "t.tag = :tag" : "EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = :tag)")
        }
        if query.from != nil { conditions.append("p.published_at >= :from") }
        if query.common.search != nil {
            conditions.append("p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :q)")
        }
        return conditions
    }
}
