/// A result row as both engines' stores read it: SQLite's `Statement` on its current row and PostgreSQL's
/// `Row` conform (in their store modules), so a model is read from its columns once, here, for both.
public protocol ColumnReader {
    func int64(_ column: Int32) -> Int64
    func string(_ column: Int32) -> String
    func optionalInt64(_ column: Int32) -> Int64?
    func optionalString(_ column: Int32) -> String?
    func isNull(_ column: Int32) -> Bool
    /// A column of `joinedList` text: elements separated by `listSeparator`.
    func list(_ column: Int32) -> [String]
}

/// The separator of lists the SQL joins (`group_concat(x, char(31))`, `string_agg(x, chr(31))`): the API
/// refuses control characters in every short text, so it cannot occur inside an element.
public let listSeparator: UInt8 = 0x1F
/// Between the `key listSeparator total` entries of a joined tally (`kindTotals`).
public let entrySeparator: UInt8 = 0x1E

extension ColumnReader {
    /// `key chr(31) total` entries joined by `chr(30)` (a case's tally by kind or country), in the SQL's order.
    public func keyedTotals(_ column: Int32) -> [(String, Int64)] {
        guard !isNull(column) else { return [] }
        return string(column).utf8.split(separator: entrySeparator).compactMap { entry in
            let parts = entry.split(separator: listSeparator, maxSplits: 1)
            guard parts.count == 2, let total = Int64(String(decoding: parts[1], as: UTF8.self)) else { return nil }
            return (String(decoding: parts[0], as: UTF8.self), total)
        }
    }
}

/// Splits joined-list bytes into their elements (for the engines' `list` implementations).
public func splitList(_ bytes: UnsafeRawBufferPointer) -> [String] {
    bytes.split(separator: listSeparator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
}
