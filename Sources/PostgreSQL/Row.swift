/// One row of a `QueryResult`, read by 0-based column index or by column name.
///
/// Reads convert like SQLite's: NULL reads as 0, "" or empty bytes (check `isNull`, or use the
/// optional readers, when NULL matters), and a column of another type is converted where that
/// means something (an int4 as Double, a numeric's text as Int64, any column as String in its
/// PostgreSQL text form); text that is no number reads as 0. Reading a name no column has throws.
public struct Row {
    public let result: QueryResult
    /// The row's 0-based index in its result.
    public let index: CInt

    /// True when the column is NULL (and for a column index out of range).
    public func isNull(_ column: Int32) -> Bool {
        result.pq.pointee.PQgetisnull(result.handle, index, column) != 0
    }

    public func int64(_ column: Int32) -> Int64 {
        let (type, isBinary, bytes) = field(column)
        if isBinary {
            switch type {
            case TypeOID.int8, TypeOID.int4, TypeOID.int2: return FieldDecoding.integer(bytes)
            case TypeOID.float8, TypeOID.float4:
                return Int64(exactly: FieldDecoding.float(bytes).rounded(.towardZero)) ?? 0
            case TypeOID.bool: return bytes.first == 1 ? 1 : 0
            default: break
            }
        } else if type == TypeOID.bool {
            return bytes.first == UInt8(ascii: "t") ? 1 : 0
        }
        return FieldDecoding.decimalInteger(bytes) ?? 0
    }

    public func int(_ column: Int32) -> Int {
        Int(truncatingIfNeeded: int64(column))
    }

    public func double(_ column: Int32) -> Double {
        let (type, isBinary, bytes) = field(column)
        if isBinary {
            switch type {
            case TypeOID.float8, TypeOID.float4: return FieldDecoding.float(bytes)
            case TypeOID.int8, TypeOID.int4, TypeOID.int2: return Double(FieldDecoding.integer(bytes))
            case TypeOID.bool: return bytes.first == 1 ? 1 : 0
            default: break
            }
        } else if type == TypeOID.bool {
            return bytes.first == UInt8(ascii: "t") ? 1 : 0
        }
        return FieldDecoding.decimal(bytes)
    }

    /// A bool column; another column is true when it reads as a non-zero integer.
    public func bool(_ column: Int32) -> Bool {
        let (type, isBinary, bytes) = field(column)
        guard type == TypeOID.bool else { return int64(column) != 0 }
        return isBinary ? bytes.first == 1 : bytes.first == UInt8(ascii: "t")
    }

    /// The column in PostgreSQL's text form, "" for NULL; text columns come as received.
    public func string(_ column: Int32) -> String {
        let (type, isBinary, bytes) = field(column)
        guard isBinary, !TypeOID.isText(type) else { return String(decoding: bytes, as: UTF8.self) }
        if bytes.isEmpty, isNull(column) { return "" }
        switch type {
        case TypeOID.int8, TypeOID.int4, TypeOID.int2: return String(FieldDecoding.integer(bytes))
        case TypeOID.float8: return FieldDecoding.text(of: FieldDecoding.float(bytes))
        case TypeOID.float4: return FieldDecoding.text(of: Float(FieldDecoding.float(bytes)))
        case TypeOID.bool: return bytes.first == 1 ? "t" : "f"
        case TypeOID.bytea: return FieldDecoding.hexText(bytes)
        default: return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Lends the column's UTF-8 text without copying when it is a text column (empty for
    /// NULL), e.g. to write JSON; other columns lend their `string` form. Valid inside `body`.
    public func withTextBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let (type, isBinary, bytes) = field(column)
        if !isBinary || TypeOID.isText(type) { return try body(bytes) }
        var text = string(column)
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// A bytea column's bytes, empty for NULL; for other columns, the UTF-8 of their text.
    public func blob(_ column: Int32) -> [UInt8] {
        let (type, isBinary, bytes) = field(column)
        if type == TypeOID.bytea { return isBinary ? Array(bytes) : FieldDecoding.hexBytes(bytes) }
        if !isBinary || TypeOID.isText(type) { return Array(bytes) }
        return Array(string(column).utf8)
    }

    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    public func optionalBool(_ column: Int32) -> Bool? { isNull(column) ? nil : bool(column) }
    public func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
    public func optionalBlob(_ column: Int32) -> [UInt8]? { isNull(column) ? nil : blob(column) }

    /// The column as the `Value` its type maps to.
    public func value(_ column: Int32) -> Value {
        if isNull(column) { return .null }
        switch result.pq.pointee.PQftype(result.handle, column) {
        case TypeOID.int8, TypeOID.int4, TypeOID.int2: return .integer(int64(column))
        case TypeOID.float8, TypeOID.float4: return .real(double(column))
        case TypeOID.bool: return .boolean(bool(column))
        case TypeOID.bytea: return .blob(blob(column))
        default: return .text(string(column))
        }
    }

    // By name: one lookup per call; hoist `result.columnIndex` out of a loop over many rows.
    public func isNull(_ name: String) throws -> Bool { isNull(try result.columnIndex(name)) }
    public func int64(_ name: String) throws -> Int64 { int64(try result.columnIndex(name)) }
    public func int(_ name: String) throws -> Int { int(try result.columnIndex(name)) }
    public func double(_ name: String) throws -> Double { double(try result.columnIndex(name)) }
    public func bool(_ name: String) throws -> Bool { bool(try result.columnIndex(name)) }
    public func string(_ name: String) throws -> String { string(try result.columnIndex(name)) }
    public func blob(_ name: String) throws -> [UInt8] { blob(try result.columnIndex(name)) }
    public func optionalInt64(_ name: String) throws -> Int64? { optionalInt64(try result.columnIndex(name)) }
    public func optionalDouble(_ name: String) throws -> Double? { optionalDouble(try result.columnIndex(name)) }
    public func optionalBool(_ name: String) throws -> Bool? { optionalBool(try result.columnIndex(name)) }
    public func optionalString(_ name: String) throws -> String? { optionalString(try result.columnIndex(name)) }
    public func optionalBlob(_ name: String) throws -> [UInt8]? { optionalBlob(try result.columnIndex(name)) }
    public func value(_ name: String) throws -> Value { value(try result.columnIndex(name)) }

    /// The column's type, whether it came in binary, and its bytes (empty for NULL).
    ///
    /// "The pointer returned by PQgetvalue points to storage that is part of the PGresult
    /// structure", so the bytes live as long as `result`, which this row holds.
    @inline(__always)
    private func field(_ column: Int32) -> (type: UInt32, isBinary: Bool, bytes: UnsafeRawBufferPointer) {
        let pq = result.pq
        let handle = result.handle
        let count = Int(pq.pointee.PQgetlength(handle, index, column))
        return (
            pq.pointee.PQftype(handle, column),
            pq.pointee.PQfformat(handle, column) == 1,
            UnsafeRawBufferPointer(start: pq.pointee.PQgetvalue(handle, index, column), count: count))
    }
}
