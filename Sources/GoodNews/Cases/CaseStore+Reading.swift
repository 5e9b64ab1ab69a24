import JSON
import SQLite

extension CaseStore {
    /// One case as JSON, tally included.
    public static func item(_ ref: ContentRef, on connection: Connection) throws -> [UInt8]? {
        let query = try connection.cachedStatement(
            "SELECT \(CaseJSON.columns) FROM cases c WHERE \(ref.condition(alias: "c"))")
        defer { query.reset() }
        try ref.bind(to: query, at: 1)
        guard try query.step() else { return nil }
        var writer = JSONWriter(capacity: CaseJSON.typicalSize)
        CaseJSON.write(query, to: &writer)
        return writer.bytes
    }

    /// A page of the case list, newest first (`created_at` desc, `id` desc), with `next_cursor` and (if
    /// asked) the total.
    public static func page(_ query: CaseListQuery, on connection: Connection) throws -> ListPage {
        let statement = try connection.cachedStatement(query.pageSQL())
        defer { statement.reset() }
        try bindFilters(query, to: statement)
        try statement.bind(query.common.cursor?.at ?? .max, named: ":at")
        try statement.bind(query.common.cursor?.id ?? .max, named: ":id")
        try statement.bind(query.common.limit + 1, named: ":limit")

        var writer = JSONWriter(capacity: query.common.limit * CaseJSON.typicalSize)
        writer.beginPage()
        var rendered = 0
        var last: ListCursor?
        var hasMore = false
        while try statement.step() {
            if rendered == query.common.limit { hasMore = true; break }
            CaseJSON.write(statement, to: &writer)
            last = ListCursor(kind: .cases, at: statement.int64(CaseJSON.createdAtColumn), id: statement.int64(0))
            rendered += 1
        }
        statement.reset()
        let next = hasMore ? last?.token : nil
        writer.endPage(nextCursor: next)

        var total: Int?
        if query.common.includeTotal {
            let count = try connection.cachedStatement(query.countSQL())
            try bindFilters(query, to: count)
            total = Int(try count.scalarInt64() ?? 0)
        }
        return ListPage(body: writer.bytes, nextCursor: next, total: total)
    }

    private static func bindFilters(_ query: CaseListQuery, to statement: Statement) throws {
        if let tag = query.common.tag { try statement.bind(tag, named: ":tag") }
        if let status = query.status { try statement.bind(status.rawValue, named: ":status") }
        if let country = query.country { try statement.bind(country, named: ":country") }
        if let campaign = query.campaign { try statement.bind(campaign, named: ":campaign") }
        if let search = query.common.search { try statement.bind(search, named: ":q") }
    }
}
