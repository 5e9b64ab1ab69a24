import GoodNews
import SQLite

/// The tag link tables (`post_tags`, `case_tags`): tags kept in the order given, by position.
enum TagLinks {
    enum Table: String {
        case posts = "post_tags"
        case cases = "case_tags"

        var owner: String { self == .posts ? "post_id" : "case_id" }
    }

    /// Replaces the tags of row `id` with `tags` (already validated and without repeats).
    static func replace(_ tags: [String], of id: Int64, in table: Table, on connection: Connection,
                        isNew: Bool = false) throws {
        if !isNew {
            let clear = try connection.cachedStatement("DELETE FROM \(table.rawValue) WHERE \(table.owner) = ?")
            try clear.bind(id, at: 1)
            try clear.execute()
        }
        guard !tags.isEmpty else { return }
        let insert = try connection.cachedStatement(
            "INSERT INTO \(table.rawValue) (\(table.owner), position, tag) VALUES (?, ?, ?)")
        for (position, tag) in tags.enumerated() {
            try insert.bind(id, at: 1)
            try insert.bind(position, at: 2)
            try insert.bind(tag, at: 3)
            try insert.execute()
        }
    }
}
