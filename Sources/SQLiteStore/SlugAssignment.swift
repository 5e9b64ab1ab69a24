import GoodNews
import SQLite
import StoreCommon

/// Unique slugs within a table, checked on the writer's connection inside the write (so no other write
/// can take the slug between the check and the insert).
enum SlugAssignment {
    enum Table: String {
        case posts, cases
    }

    /// The id of the row holding `slug`, if any.
    static func owner(of slug: String, in table: Table, on connection: Connection) throws -> Int64? {
        let query = try connection.cachedStatement("SELECT id FROM \(table.rawValue) WHERE slug = ?")
        try query.bind(slug, at: 1)
        return try query.scalarInt64()
    }

    /// 409 when `slug` belongs to a row other than `id`.
    static func claim(_ slug: String, in table: Table, for id: Int64? = nil, on connection: Connection) throws {
        if let owner = try owner(of: slug, in: table, on: connection), owner != id {
            throw ServiceError.conflict("the slug \"\(slug)\" is taken")
        }
    }

    /// `base` if free, else the first free `base-2`, `base-3`… (shortened to fit 120 characters).
    static func unique(from base: String, in table: Table, on connection: Connection) throws -> String {
        guard try owner(of: base, in: table, on: connection) != nil else { return base }
        // Every `base-…` in one index range scan ('.' sorts right after '-'), instead of a query per number.
        let range = try connection.cachedStatement(
            "SELECT slug FROM \(table.rawValue) WHERE slug > ? AND slug < ?")
        try range.bind(base + "-", at: 1)
        try range.bind(base + ".", at: 2)
        let taken = Set(try range.rows { $0.string(0) })
        return try ContentRules.numberedSlug(base, taken: taken) { try owner(of: $0, in: table, on: connection) != nil }
    }

    /// Runs a write with the unique index on `slug` answered as a 409 (a backstop: `claim` runs first).
    static func mappingConflict<T>(_ slug: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isUniqueViolation && error.message.hasSuffix(".slug") {
            throw ServiceError.conflict("the slug \"\(slug)\" is taken")
        }
    }
}
