import JSON
import SQLite

/// Writing result columns straight into JSON, without making Strings of them first.
extension JSONWriter {
    /// A TEXT column as a JSON string ("" for NULL).
    mutating func text(_ row: Statement, _ column: Int32) {
        row.withTextBytes(column) { string(utf8: $0.bindMemory(to: UInt8.self)) }
    }

    /// A nullable TEXT column: a JSON string or `null`.
    mutating func optionalText(_ row: Statement, _ column: Int32) {
        if row.isNull(column) { null() } else { text(row, column) }
    }

    /// An INTEGER column of unix seconds as RFC 3339 UTC (`2020-09-04T00:00:00Z`), or `null`.
    mutating func time(_ row: Statement, _ column: Int32) {
        guard !row.isNull(column) else { return null() }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(22)
        Timestamp(seconds: row.int64(column)).appendRFC3339(to: &quoted)
        quoted.append(UInt8(ascii: "\""))
        raw(quoted)
    }

    /// A nullable INTEGER column: a JSON number or `null`.
    mutating func optionalInt(_ row: Statement, _ column: Int32) {
        if row.isNull(column) { null() } else { int(row.int64(column)) }
    }

    /// A column SQLite built as JSON (`json_group_array`, `json_group_object`), inserted as it is;
    /// `empty` when the column is NULL.
    mutating func json(_ row: Statement, _ column: Int32, empty: StaticString) {
        if row.isNull(column) {
            raw(UnsafeRawBufferPointer(start: empty.utf8Start, count: empty.utf8CodeUnitCount))
        } else {
            row.withTextBytes(column) { raw($0) }
        }
    }
}
