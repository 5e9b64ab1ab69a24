import CSQLite

// Column reads follow SQLite's conversion rules ("sqlite3_column_int64 ... automatically
// convert the value"), so reading a NULL as an integer gives 0: check `isNull` first when NULL
// matters, or use the optional readers. Columns are 0-based.
extension Statement {
    /// The number of columns in a result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of a result column ("the name of a result column is the value of the AS clause
    /// ... if there is an AS clause"), or "" when out of range.
    public func columnName(_ column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    }

    /// True when the column of the current row is NULL.
    @inlinable
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    @inlinable
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    @inlinable
    public func int(_ column: Int32) -> Int {
        Int(truncatingIfNeeded: sqlite3_column_int64(handle, column))
    }

    @inlinable
    public func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    @inlinable
    public func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    @inlinable
    public func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    @inlinable
    public func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : double(column)
    }

    /// The column as text, "" for NULL. Uses the byte count, so embedded NULs are kept.
    @inlinable
    public func string(_ column: Int32) -> String {
        withTextBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column as text, or nil when it is NULL.
    @inlinable
    public func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// The column as bytes, empty for NULL and for a zero-length blob.
    @inlinable
    public func blob(_ column: Int32) -> [UInt8] {
        withBlobBytes(column) { [UInt8]($0) }
    }

    /// The column as bytes, or nil when it is NULL.
    @inlinable
    public func optionalBlob(_ column: Int32) -> [UInt8]? {
        isNull(column) ? nil : blob(column)
    }

    /// Lends the column's UTF-8 bytes without copying (empty for NULL), e.g. to write JSON.
    ///
    /// The buffer is valid only inside `body`: "The pointers returned are valid until a type
    /// conversion occurs ... or until sqlite3_step() or sqlite3_reset() or sqlite3_finalize()".
    @inlinable
    public func withTextBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        // "call sqlite3_column_text() first to force the result into the desired format,
        // then invoke sqlite3_column_bytes() to find the size of the result".
        let text = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : count))
    }

    /// Lends the column's bytes as a blob without copying (empty for NULL); valid only inside `body`.
    @inlinable
    public func withBlobBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let bytes = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// The column in its own storage class.
    public func value(_ column: Int32) -> Value {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_TEXT: .text(string(column))
        case SQLITE_BLOB: .blob(blob(column))
        default: .null
        }
    }
}
