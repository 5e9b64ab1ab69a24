import SQLite

/// Inserts imported records on the writer connection, inside the importer's transaction, through
/// cached (prepared once, reused) statements. Slugs left out are derived and made unique against both
/// the database and what this import has already written.
struct ImportWriter {
    let connection: Connection
    let now: Int64

    func insert(_ record: ImportedCase) throws -> (id: Int64, slug: String) {
        let slug = try resolveSlug(record.slug, derivedFrom: record.name, fallback: "case", table: "cases")
        let statement = try connection.cachedStatement("""
            INSERT INTO cases (slug, name, country, summary, description, status, outcome, campaign,
                               action_goal, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """)
        let created = record.createdAt ?? now
        try statement.bind(slug, at: 1)
        try statement.bind(record.name, at: 2)
        try statement.bind(record.country, at: 3)
        try statement.bind(record.summary, at: 4)
        try statement.bind(record.description, at: 5)
        try statement.bind(record.status, at: 6)
        try statement.bind(record.outcome, at: 7)
        try statement.bind(record.campaign, at: 8)
        try statement.bind(record.actionGoal, at: 9)
        try statement.bind(created, at: 10)
        try statement.bind(record.updatedAt ?? created, at: 11)
        try statement.execute()
        let id = connection.lastInsertRowID
        try insertTags(record.tags, owner: id, sql: "INSERT INTO case_tags (case_id, position, tag) VALUES (?1, ?2, ?3)")
        return (id, slug)
    }

    func insert(_ record: ImportedPost, caseIDs: [Int64]) throws -> String {
        let slug = try resolveSlug(record.slug, derivedFrom: record.title, fallback: "post", table: "posts")
        let statement = try connection.cachedStatement("""
            INSERT INTO posts (slug, title, summary, body, status, published_at, image_url, image_caption,
                               created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        // A published post needs a date: none given means "now", as when publishing through the API.
        let publishedAt = record.publishedAt ?? (record.status == "published" ? now : nil)
        // Imported history (the demo's 2020 posts) is not new: without a creation time, a post dates
        // from its publication (when that is past), so feeds do not show old news as just updated.
        let created = record.createdAt ?? min(publishedAt ?? now, now)
        try statement.bind(slug, at: 1)
        try statement.bind(record.title, at: 2)
        try statement.bind(record.summary, at: 3)
        try statement.bind(record.body, at: 4)
        try statement.bind(record.status, at: 5)
        try statement.bind(publishedAt, at: 6)
        try statement.bind(record.imageURL, at: 7)
        try statement.bind(record.imageCaption, at: 8)
        try statement.bind(created, at: 9)
        try statement.bind(record.updatedAt ?? created, at: 10)
        try statement.execute()
        let id = connection.lastInsertRowID
        try insertTags(record.tags, owner: id, sql: "INSERT INTO post_tags (post_id, position, tag) VALUES (?1, ?2, ?3)")
        let link = try connection.cachedStatement("INSERT INTO post_cases (post_id, position, case_id) VALUES (?1, ?2, ?3)")
        for (position, caseID) in caseIDs.enumerated() {
            try link.bind(id, at: 1)
            try link.bind(position, at: 2)
            try link.bind(caseID, at: 3)
            try link.execute()
        }
        return slug
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
        try statement.bind(record.createdAt ?? now, at: 6)
        try statement.execute()
    }

    /// The id of the case with `slug`, or nil.
    func caseID(slug: String) throws -> Int64? {
        let statement = try connection.cachedStatement("SELECT id FROM cases WHERE slug = ?1")
        try statement.bind(slug, at: 1)
        return try statement.scalarInt64()
    }

    /// True when posts and cases are both empty.
    static func isEmpty(_ connection: Connection) throws -> Bool {
        try connection.cachedStatement("""
            SELECT NOT EXISTS (SELECT 1 FROM posts) AND NOT EXISTS (SELECT 1 FROM cases)
            """).scalarInt64() == 1
    }

    private func insertTags(_ tags: [String], owner: Int64, sql: String) throws {
        guard !tags.isEmpty else { return }
        let statement = try connection.cachedStatement(sql)
        for (position, tag) in tags.enumerated() {
            try statement.bind(owner, at: 1)
            try statement.bind(position, at: 2)
            try statement.bind(tag, at: 3)
            try statement.execute()
        }
    }

    /// A given slug must be free (`ImportError` message "slug … is already taken"); a derived one gets `-2`, `-3`….
    private func resolveSlug(_ given: String?, derivedFrom text: String, fallback: String, table: String) throws -> String {
        if let given {
            guard try !slugExists(given, table: table) else { throw SlugTaken(slug: given) }
            return given
        }
        let base = Slug.derive(from: text, fallback: fallback)
        var candidate = base
        var n = 2
        while try slugExists(candidate, table: table) {
            candidate = Slug.numbered(base, n)
            n += 1
        }
        return candidate
    }

    private func slugExists(_ slug: String, table: String) throws -> Bool {
        let statement = try connection.cachedStatement("SELECT EXISTS (SELECT 1 FROM \(table) WHERE slug = ?1)")
        try statement.bind(slug, at: 1)
        return try statement.scalarInt64() == 1
    }

    struct SlugTaken: Error { let slug: String }
}
