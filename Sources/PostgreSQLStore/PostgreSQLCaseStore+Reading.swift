import GoodNews
import PostgreSQL
import StoreCommon

extension PostgreSQLCaseStore {
    func `case`(_ ref: ContentRef) throws -> Case? {
        try connection.query("SELECT \(PostgreSQLCaseStore.columns) FROM cases c WHERE \(ref.condition(alias: "c"))", [ref.value])
            .first.map(CaseColumn.case)
    }

    /// A page of the case list, newest first (`created_at` desc, `id` desc), with `next_cursor` and (if
    /// asked) the total; the position is one row value.
    func page(_ query: CaseListQuery) throws -> ListPage<Case> {
        var parameters = Parameters()
        var conditions = filters(query, &parameters)
        let at = parameters.add(query.common.cursor?.at ?? .max)
        let id = parameters.add(query.common.cursor?.id ?? .max)
        conditions.append("(c.created_at, c.id) < (\(at), \(id))")
        let limit = parameters.add(Int64(query.common.limit + 1))
        let rows = try connection.query("""
            SELECT \(PostgreSQLCaseStore.columns) FROM \(source(query)) WHERE \(conditions.joined(separator: " AND "))
            ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit)
            """, parameters.values)
        var cases = rows.map(CaseColumn.case)
        let hasMore = cases.count > query.common.limit
        if hasMore { cases.removeLast() }
        let next = hasMore ? cases.last?.cursor.token : nil

        var total: Int?
        if query.common.includeTotal {
            var parameters = Parameters()
            let conditions = filters(query, &parameters)
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            total = Int(try connection.query("SELECT count(*) FROM \(source(query))\(whereClause)",
                                             parameters.values).scalarInt64() ?? 0)
        }
        return ListPage(items: cases, nextCursor: next, total: total)
    }

    private func source(_ query: CaseListQuery) -> String {
        query.common.tag == nil ? "cases c" : "case_tags t JOIN cases c ON c.id = t.case_id"
    }

    private func filters(_ query: CaseListQuery, _ parameters: inout Parameters) -> [String] {
        var conditions: [String] = []
        if let tag = query.common.tag { conditions.append("t.tag = \(parameters.add(tag))") }
        if let status = query.status { conditions.append("c.status = \(parameters.add(status.rawValue))") }
        if let country = query.country { conditions.append("c.country = \(parameters.add(country))") }
        if let campaign = query.campaign { conditions.append("c.campaign = \(parameters.add(campaign))") }
        if let search = query.common.search {
            // `search` is SQLite's MATCH text (`"word" "other"`): the quotes become spaces like any other mark.
            conditions.append("c.search @@ goodnews_query(\(parameters.add(PostgreSQLSearchStore.queryText(search.split(separator: " ")))))")
        }
        return conditions
    }
}
