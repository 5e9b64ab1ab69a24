import GoodNews
import SQLite

/// The `SET` list of a partial UPDATE of a post or case, one changed column at a time, so a PATCH writes
/// only what it names (and full-text rows are rebuilt only when text changes).
struct ColumnChanges {
    private var assignments: [String] = []
    private var values: [Value] = []

    mutating func set(_ column: String, _ value: Value) {
        assignments.append("\(column) = ?")
        values.append(value)
    }

    /// `UPDATE <table> SET … WHERE id = <id>`, the unique index on `slug` answered as a 409.
    func execute(in table: SlugAssignment.Table, id: Int64, slug: String, on connection: Connection) throws {
        let update = try connection.prepare(
            "UPDATE \(table.rawValue) SET \(assignments.joined(separator: ", ")) WHERE id = ?")
        try update.bind(values + [.integer(id)])
        try SlugAssignment.mappingConflict(slug) { try update.execute() }
    }
}
