import SQLite

/// Writes imported records on the writer connection, inside the importer's transaction, through the
/// stores of posts and cases (the same SQL as the API) and cached, reused statements.
struct ImportWriter {
    let connection: Connection
    let now: Timestamp

    func insert(_ item: ImportDocument.Item<CaseInput>) throws -> StoredContent {
        try CaseStore.insert(item.input, on: connection, now: now, createdAt: item.createdAt, updatedAt: item.updatedAt)
    }

    func insert(_ item: ImportDocument.Item<PostInput>) throws {
        // Imported history (the demo's 2020 posts) is not new: without a creation time, a post dates
        // from its publication (when that is past), so feeds do not show old news as just updated.
        let published = item.input.publishedAt.map { min($0, now) }
        _ = try PostStore.insert(item.input, on: connection, now: now,
                                 createdAt: item.createdAt ?? published, updatedAt: item.updatedAt)
    }

    func insert(_ record: ImportedAction, caseID: Int64) throws {
        let statement = try connection.cachedStatement("""
            INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """)
        try statement.bind(caseID, at: 1)
        try statement.bind(record.kind, at: 2)
        try statement.bind(record.count, at: 3)
        try statement.bind(record.country, at: 4)
        try statement.bind(record.source, at: 5)
        try statement.bind(record.createdAt ?? now.seconds, at: 6)
        try statement.execute()
    }

    /// The id of the case with `slug`, or nil.
    func caseID(slug: String) throws -> Int64? {
        try SlugAssignment.owner(of: slug, in: .cases, on: connection)
    }

    /// True when posts and cases are both empty.
    static func isEmpty(_ connection: Connection) throws -> Bool {
        try connection.cachedStatement("""
            SELECT NOT EXISTS (SELECT 1 FROM posts) AND NOT EXISTS (SELECT 1 FROM cases)
            """).scalarInt64() == 1
    }
}
