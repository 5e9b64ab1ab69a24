import GoodNews

enum CaseListSQL {
    /// The statements of the list (migrations/README.md, "Cases"): from a tag's links when filtering by tag,
    /// else down the index of the first equality filter; the position is one row value.
    static func page(_ query: CaseListQuery) -> String {
        "SELECT \(SQLiteCaseStore.columns) FROM \(source(query)) WHERE "
            + (filters(query) + ["(c.created_at, c.id) < (:at, :id)"]).joined(separator: " AND ")
            + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit"
    }

    static func count(_ query: CaseListQuery) -> String {
        let conditions = filters(query)
        return "SELECT count(*) FROM \(source(query))" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
    }

    private static func source(_ query: CaseListQuery) -> String {
        query.common.tag == nil ? "cases c" : "case_tags t CROSS JOIN cases c ON c.id = t.case_id"
    }

    private static func filters(_ query: CaseListQuery) -> [String] {
        var conditions: [String] = []
        if query.common.tag != nil { conditions.append("t.tag = :tag") }
        if query.status != nil { conditions.append("c.status = :status") }
        if query.country != nil { conditions.append("c.country = :country") }
        if query.campaign != nil { conditions.append("c.campaign = :campaign") }
        if query.common.search != nil { conditions.append("c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q)") }
        return conditions
    }
}
