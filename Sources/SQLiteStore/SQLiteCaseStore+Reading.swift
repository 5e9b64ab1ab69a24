import GoodNews
import SQLite
import StoreCommon

extension SQLiteCaseStore {
    /// One case, tally included.
    func `case`(_ ref: ContentRef) throws -> Case? {
        let query = try connection.cachedStatement(
            "SELECT \(SQLiteCaseStore.columns) FROM cases c WHERE \(ref.condition(alias: "c"))")
        defer { query.reset() }
        try ref.bind(to: query, at: 1)
        guard try query.step() else { return nil }
        return CaseColumn.case(query)
    }

    /// A page of the case list, newest first (`created_at` desc, `id` desc), with `next_cursor` and (if
    /// asked) the total.
    func page(_ query: CaseListQuery) throws -> ListPage<Case> {
        let statement = try connection.cachedStatement(CaseListSQL.page(query))
        defer { statement.reset() }
        try bindFilters(query, to: statement)
        try statement.bind(query.common.cursor?.at ?? .max, named: ":at")
        try statement.bind(query.common.cursor?.id ?? .max, named: ":id")
        try statement.bind(query.common.limit + 1, named: ":limit")

        var cases: [Case] = []
        cases.reserveCapacity(query.common.limit)
        var hasMore = false
        while try statement.step() {
            if cases.count == query.common.limit { hasMore = true; break }
            cases.append(CaseColumn.case(statement))
        }
        statement.reset()
        let next = hasMore ? cases.last?.cursor.token : nil

        var total: Int?
        if query.common.includeTotal {
            let count = try connection.cachedStatement(CaseListSQL.count(query))
            try bindFilters(query, to: count)
            total = Int(try count.scalarInt64() ?? 0)
        }
        return ListPage(items: cases, nextCursor: next, total: total)
    }

    private func bindFilters(_ query: CaseListQuery, to statement: Statement) throws {
        if let tag = query.common.tag { try statement.bind(tag, named: ":tag") }
        if let status = query.status { try statement.bind(status.rawValue, named: ":status") }
        if let country = query.country { try statement.bind(country, named: ":country") }
        if let campaign = query.campaign { try statement.bind(campaign, named: ":campaign") }
        if let search = query.common.search { try statement.bind(search, named: ":q") }
    }
}
