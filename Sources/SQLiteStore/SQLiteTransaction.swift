import GoodNews
import SQLite
import StoreCommon

/// One unit of work on one connection: the stores it hands out run their SQL there and note what
/// they changed, for the commit hook.
final class SQLiteTransaction: StorageTransaction {
    let connection: Connection
    let searchIndex: PostSearchIndex?
    var changes = StorageChanges.none

    init(_ connection: Connection, searchIndex: PostSearchIndex?) {
        self.connection = connection
        self.searchIndex = searchIndex
    }

    var posts: any PostStore { SQLitePostStore(tx: self) }
    var cases: any CaseStore { SQLiteCaseStore(tx: self) }
    var actions: any ActionStore { SQLiteActionStore(tx: self) }
    var tallies: any TallyStore { SQLiteTallyStore(connection: connection) }
    var search: any SearchStore { SQLiteSearchStore(connection: connection, index: searchIndex) }
    var tokens: any TokenStore { SQLiteTokenStore(connection: connection) }
}

/// The columns of a `SELECT`, by name: an enum of indexes declared beside its SQL text, so a row is
/// never read by a bare number and adding a column cannot shift another silently.
protocol ResultColumn: RawRepresentable where RawValue == Int32 {}

extension Statement {
    func int64<C: ResultColumn>(_ column: C) -> Int64 { int64(column.rawValue) }
    func string<C: ResultColumn>(_ column: C) -> String { string(column.rawValue) }
    func optionalInt64<C: ResultColumn>(_ column: C) -> Int64? { optionalInt64(column.rawValue) }
    func optionalString<C: ResultColumn>(_ column: C) -> String? { optionalString(column.rawValue) }
    func isNull<C: ResultColumn>(_ column: C) -> Bool { isNull(column.rawValue) }
    func int<C: ResultColumn>(_ column: C) -> Int { int(column.rawValue) }
    func bool<C: ResultColumn>(_ column: C) -> Bool { bool(column.rawValue) }
    func double<C: ResultColumn>(_ column: C) -> Double { double(column.rawValue) }
    func blob<C: ResultColumn>(_ column: C) -> [UInt8] { blob(column.rawValue) }

    func list<C: ResultColumn>(_ column: C) -> [String] { list(column.rawValue) }
}

/// The current row, read by `StoreCommon`'s model readers.
extension Statement: ColumnReader {
    /// A list SQLite joined with `char(31)` (`joinedList`).
    public func list(_ column: Int32) -> [String] {
        guard !isNull(column) else { return [] }
        return withTextBytes(column) { splitList($0) }
    }
}

/// `group_concat(<expression>, char(31))`, read back by `Statement.list`.
func joinedList(_ expression: String) -> String {
    "group_concat(\(expression), char(31))"
}

/// Runs a write with constraint failures the stores did not foresee turned into the domain's
/// `StorageError.refused` (the importer names the item it was writing).
func refusingConstraints<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SQLiteError where error.code ~= .constraint {
        throw StorageError.refused(error.message)
    }
}
