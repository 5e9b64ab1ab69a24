import GoodNews
import PostgreSQL
import StoreCommon

/// One unit of work on one pooled connection: the stores it hands out run their SQL there and note what
/// they changed, for the commit hook and the other nodes (`PostgreSQLStorage.write`).
final class PostgreSQLTransaction: StorageTransaction {
    let connection: Connection
    var changes = StorageChanges.none

    init(_ connection: Connection) {
        self.connection = connection
    }

    var posts: any PostStore { PostgreSQLPostStore(tx: self) }
    var cases: any CaseStore { PostgreSQLCaseStore(tx: self) }
    var actions: any ActionStore { PostgreSQLActionStore(tx: self) }
    var tallies: any TallyStore { PostgreSQLTallyStore(connection: connection) }
    var search: any SearchStore { PostgreSQLSearchStore(connection: connection) }
    var tokens: any TokenStore { PostgreSQLTokenStore(connection: connection) }
}

/// The columns of a `SELECT`, by name: an enum of 0-based indexes declared beside its SQL text.
protocol ResultColumn: RawRepresentable where RawValue == Int32 {}

extension Row {
    func int64<C: ResultColumn>(_ column: C) -> Int64 { int64(column.rawValue) }
    func int<C: ResultColumn>(_ column: C) -> Int { int(column.rawValue) }
    func string<C: ResultColumn>(_ column: C) -> String { string(column.rawValue) }
    func double<C: ResultColumn>(_ column: C) -> Double { double(column.rawValue) }
    func bool<C: ResultColumn>(_ column: C) -> Bool { bool(column.rawValue) }
    func optionalInt64<C: ResultColumn>(_ column: C) -> Int64? { optionalInt64(column.rawValue) }
    func optionalString<C: ResultColumn>(_ column: C) -> String? { optionalString(column.rawValue) }
    func isNull<C: ResultColumn>(_ column: C) -> Bool { isNull(column.rawValue) }
    func keyedTotals<C: ResultColumn>(_ column: C) -> [(String, Int64)] { keyedTotals(column.rawValue) }
}

/// A row, read by `StoreCommon`'s model readers.
extension Row: ColumnReader {
    /// A list joined with `chr(31)` (`joinedList`).
    public func list(_ column: Int32) -> [String] {
        guard !isNull(column) else { return [] }
        return withTextBytes(column) { splitList($0) }
    }
}

/// `string_agg(<expression>, chr(31) ORDER BY <order>)`, read back by `Row.list`.
func joinedList(_ expression: String, order: String) -> String {
    "string_agg(\(expression), chr(31) ORDER BY \(order))"
}

/// Positional parameters for SQL built from optional clauses: each `add` returns its `$n`.
struct Parameters {
    private(set) var values: [Value] = []

    mutating func add(_ value: Value) -> String {
        values.append(value)
        return "$\(values.count)"
    }

    mutating func add(_ value: Int64) -> String { add(.integer(value)) }
    mutating func add(_ value: String) -> String { add(.text(value)) }
}

extension Value {
    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ integer: Int64?) { self = integer.map { .integer($0) } ?? .null }
}

/// Runs a write with constraint failures the stores did not foresee turned into `StorageError.refused`.
func refusingConstraints<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PostgreSQLError where error.isConstraintViolation {
        throw StorageError.refused(error.message)
    }
}
