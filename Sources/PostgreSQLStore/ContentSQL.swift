import GoodNews
import PostgreSQL
import StoreCommon

/// What posts and cases share: slugs unique within a table, tag links kept in order, partial updates,
/// the rendered-Markdown columns, and `ContentRef` in a WHERE clause. Checked on the unit of work's
/// connection inside its transaction; the unique index stays the backstop for two nodes racing.
enum ContentTable: String {
    case posts, cases

    var tagTable: String { self == .posts ? "post_tags" : "case_tags" }
    var owner: String { self == .posts ? "post_id" : "case_id" }
    /// The unique index PostgreSQL names for `slug text UNIQUE`.
    var slugConstraint: String { rawValue + "_slug_key" }
}

enum SlugAssignment {
    /// The id of the row holding `slug`, if any.
    static func owner(of slug: String, in table: ContentTable, on connection: Connection) throws -> Int64? {
        try connection.query("SELECT id FROM \(table.rawValue) WHERE slug = $1", [.text(slug)]).scalarInt64()
    }

    /// 409 when `slug` belongs to a row other than `id`.
    static func claim(_ slug: String, in table: ContentTable, for id: Int64? = nil, on connection: Connection) throws {
        if let owner = try owner(of: slug, in: table, on: connection), owner != id {
            throw ServiceError.conflict("the slug \"\(slug)\" is taken")
        }
    }

    /// `base` if free, else the first free `base-2`, `base-3`… (shortened to fit 120 characters).
    static func unique(from base: String, in table: ContentTable, on connection: Connection) throws -> String {
        guard try owner(of: base, in: table, on: connection) != nil else { return base }
        // Every `base-…` in one index range scan (in the "C" order, '.' sorts right after '-').
        let taken = Set(try connection.query(
            "SELECT slug FROM \(table.rawValue) WHERE slug > $1 AND slug < $2",
            [.text(base + "-"), .text(base + ".")]).map { $0.string(0) })
        return try ContentRules.numberedSlug(base, taken: taken) { try owner(of: $0, in: table, on: connection) != nil }
    }

    /// Runs a write with the unique index on `slug` answered as a 409 (another node took it meanwhile).
    static func mappingConflict<T>(_ slug: String, in table: ContentTable, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgreSQLError where error.isUniqueViolation && error.constraint == table.slugConstraint {
            throw ServiceError.conflict("the slug \"\(slug)\" is taken")
        }
    }
}

enum TagLinks {
    /// Replaces the tags of row `id` with `tags` (validated, without repeats), in the order given.
    static func replace(_ tags: [String], of id: Int64, in table: ContentTable, on connection: Connection,
                        isNew: Bool = false) throws {
        if !isNew {
            try connection.execute("DELETE FROM \(table.tagTable) WHERE \(table.owner) = $1", [.integer(id)])
        }
        guard !tags.isEmpty else { return }
        // One statement for all of them: the tags as an array, numbered by their position.
        try connection.execute("""
            INSERT INTO \(table.tagTable) (\(table.owner), position, tag)
            SELECT $1, t.n - 1, t.tag FROM unnest(string_to_array($2, chr(31))) WITH ORDINALITY AS t(tag, n)
            """, [.integer(id), .text(tags.joined(separator: "\u{1F}"))])
    }
}

/// The `SET` list of a partial UPDATE: the columns `PatchColumns` chose, in PostgreSQL's terms.
struct ColumnChanges {
    private let assignments: [String]
    private let values: [Value]

    init(_ changes: [(column: String, value: ColumnValue)]) {
        assignments = changes.enumerated().map { "\($0.element.column) = $\($0.offset + 1)" }
        values = changes.map { change in
            switch change.value {
            case .text(let text): .text(text)
            case .integer(let integer): .integer(integer)
            case .null: .null
            }
        }
    }

    func execute(in table: ContentTable, id: Int64, slug: String, on connection: Connection) throws {
        let sql = "UPDATE \(table.rawValue) SET \(assignments.joined(separator: ", ")) WHERE id = $\(values.count + 1)"
        try SlugAssignment.mappingConflict(slug, in: table) {
            // Built per PATCH shape: prepared once per shape and kept in the connection's cache.
            try connection.execute(sql, values + [.integer(id)])
        }
    }
}

/// The HTML columns beside the Markdown ones: NULL until rendered (`RenderedMarkdown.renderPending`).
enum RenderedMarkdownColumns {
    enum Column {
        case postBody, caseDescription

        var table: String { self == .postBody ? "posts" : "cases" }
        var markdown: String { self == .postBody ? "body" : "description" }
        var html: String { markdown + "_html" }
    }

    static func pending(_ column: Column, limit: Int, on connection: Connection) throws -> [(Int64, String)] {
        try connection.query(
            "SELECT id, \(column.markdown) FROM \(column.table) WHERE \(column.html) IS NULL ORDER BY id LIMIT $1",
            [.integer(Int64(limit))]).map { ($0.int64(0), $0.string(1)) }
    }

    /// Stores a row's HTML; `updated_at` stays (rendering is not an edit).
    static func store(_ html: String, _ column: Column, of id: Int64, in tx: PostgreSQLTransaction) throws {
        try tx.connection.execute("UPDATE \(column.table) SET \(column.html) = $1 WHERE id = $2",
                                  [.text(html), .integer(id)])
        tx.changes.content = true
    }
}

extension ContentRef {
    /// `<alias>.id = <p>` or `<alias>.slug = <p>`, adding its value to `parameters`.
    func condition(alias: String, _ parameters: inout Parameters) -> String {
        switch self {
        case .id(let id): "\(alias).id = \(parameters.add(id))"
        case .slug(let slug): "\(alias).slug = \(parameters.add(slug))"
        }
    }

    var value: Value {
        switch self {
        case .id(let id): .integer(id)
        case .slug(let slug): .text(slug)
        }
    }

    /// `<alias>.id = $1` or `<alias>.slug = $1`.
    func condition(alias: String) -> String {
        switch self {
        case .id: "\(alias).id = $1"
        case .slug: "\(alias).slug = $1"
        }
    }
}
