import CPostgreSQL

/// The outcome of one command: its rows, all received, and its row count. Owns libpq's
/// PGresult (cleared in `deinit`), independently of the connection, so it stays readable
/// after the connection runs other commands or closes. Read it on one thread at a time.
public final class QueryResult {
    let pq: UnsafePointer<goodnews_pq>
    let handle: OpaquePointer
    /// The number of rows received.
    public let rowCount: Int
    /// The number of columns in each row.
    public let columnCount: Int32

    init(pq: UnsafePointer<goodnews_pq>, handle: OpaquePointer) {
        self.pq = pq
        self.handle = handle
        rowCount = Int(pq.pointee.PQntuples(handle))
        columnCount = pq.pointee.PQnfields(handle)
    }

    deinit {
        pq.pointee.PQclear(handle)
    }

    /// Rows inserted, updated, deleted, merged, fetched (SELECT) or copied; 0 for other commands.
    public var affectedRows: Int {
        // "a string containing the number of rows affected ... or an empty string".
        pq.pointee.PQcmdTuples(handle).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// The name of a result column (its AS name), or "" when out of range.
    public func columnName(_ column: Int32) -> String {
        pq.pointee.PQfname(handle, column).map { String(cString: $0) } ?? ""
    }

    /// The index of the column named `name`; as in SQL, an unquoted name is folded to lower
    /// case and a double-quoted one is taken as written. Throws when there is no such column.
    public func columnIndex(_ name: String) throws -> Int32 {
        let index = pq.pointee.PQfnumber(handle, name)
        guard index >= 0 else {
            throw PostgreSQLError(state: .undefinedColumn, message: "the result has no column \(name)")
        }
        return index
    }

    /// The row at `index` (0-based, below `rowCount`).
    public subscript(index: Int) -> Row {
        Row(result: self, index: CInt(clamping: index))
    }

    /// Every row, in order.
    public var rows: LazyMapCollection<Range<Int>, Row> {
        (0..<rowCount).lazy.map { self[$0] }
    }

    /// The first row, or nil when there is none.
    public var first: Row? {
        rowCount > 0 ? self[0] : nil
    }

    /// Maps every row, in order.
    public func map<T>(_ transform: (Row) throws -> T) rethrows -> [T] {
        var mapped: [T] = []
        mapped.reserveCapacity(rowCount)
        for index in 0..<rowCount { mapped.append(try transform(self[index])) }
        return mapped
    }

    /// The first column of the first row as an integer; nil when there is no row or it is NULL.
    public func scalarInt64() -> Int64? {
        first.flatMap { $0.optionalInt64(0) }
    }

    /// The first column of the first row as text; nil when there is no row or it is NULL.
    public func scalarString() -> String? {
        first.flatMap { $0.optionalString(0) }
    }
}
