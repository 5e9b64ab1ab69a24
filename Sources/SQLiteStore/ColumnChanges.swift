import GoodNews
import SQLite
import StoreCommon

/// The `SET` list of a partial UPDATE of a post or case: the columns `PatchColumns` chose, in SQLite's terms.
struct ColumnChanges {
    private let assignments: [String]
    private let values: [Value]

    init(_ changes: [(column: String, value: ColumnValue)]) {
        assignments = changes.map { "\($0.column) = ?" }
        values = changes.map { change in
            switch change.value {
            case .text(let text): .text(text)
            case .integer(let integer): .integer(integer)
            case .null: .null
            }
        }
    }

    /// `UPDATE <table> SET … WHERE id = <id>`, the unique index on `slug` answered as a 409.
    func execute(in table: SlugAssignment.Table, id: Int64, slug: String, on connection: Connection) throws {
        let update = try connection.prepare(
            "UPDATE \(table.rawValue) SET \(assignments.joined(separator: ", ")) WHERE id = ?")
        try update.bind(values + [.integer(id)])
        try SlugAssignment.mappingConflict(slug) { try update.execute() }
    }
}
