#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Swift value that can be bound to a statement parameter.
public protocol Bindable {
    /// Binds `self` to the 1-based parameter `index` ($1 is 1) of `statement`.
    func bind(to statement: Statement, at index: Int32) throws
}

// Binding encodes the value for the server's type of the parameter (see `Statement`): an
// integer bound to an int4 parameter is sent as four bytes, one bound to a numeric parameter
// as decimal text. A value the type cannot hold is refused here, naming the parameter, never
// the value.
extension Statement {
    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ value: Int64, at index: Int32) throws {
        let slot = try self.slot(index)
        switch parameterTypes[slot] {
        case TypeOID.int8: try store(value.bigEndian, slot)
        case TypeOID.int4:
            guard let narrow = Int32(exactly: value) else { throw outOfRange("integer", index) }
            try store(narrow.bigEndian, slot)
        case TypeOID.int2:
            guard let narrow = Int16(exactly: value) else { throw outOfRange("smallint", index) }
            try store(narrow.bigEndian, slot)
        case TypeOID.float8: try store(Double(value).bitPattern.bigEndian, slot)
        case TypeOID.float4: try store(Float(value).bitPattern.bigEndian, slot)
        default: try storeText(String(value), slot, index)
        }
    }

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ value: Int, at index: Int32) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double: binary for float8 and float4, text ("Infinity", "NaN" included) otherwise.
    public func bind(_ value: Double, at index: Int32) throws {
        let slot = try self.slot(index)
        switch parameterTypes[slot] {
        case TypeOID.float8: try store(value.bitPattern.bigEndian, slot)
        case TypeOID.float4: try store(Float(value).bitPattern.bigEndian, slot)
        default:
            let text = value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
            try storeText(text, slot, index)
        }
    }

    /// Binds a Bool: binary for bool parameters, `true`/`false` text otherwise.
    public func bind(_ value: Bool, at index: Int32) throws {
        let slot = try self.slot(index)
        if parameterTypes[slot] == TypeOID.bool {
            try store(UInt8(value ? 1 : 0), slot)
        } else {
            try storeText(value ? "true" : "false", slot, index)
        }
    }

    /// Binds text by its UTF-8 byte count. PostgreSQL text cannot hold NUL: the server refuses
    /// it for text parameters, and this refuses it for the others (sent as C strings).
    public func bind(_ value: String, at index: Int32) throws {
        let slot = try self.slot(index)
        try storeText(value, slot, index)
    }

    /// Binds bytes to a bytea parameter (an empty array is a zero-length value, not NULL).
    public func bind(_ value: [UInt8], at index: Int32) throws {
        let slot = try self.slot(index)
        guard parameterTypes[slot] == TypeOID.bytea else {
            throw PostgreSQLError(
                state: .datatypeMismatch,
                message: "bytes bound to parameter $\(index), whose type (oid \(parameterTypes[slot])) is not bytea",
                sql: sql)
        }
        try value.withUnsafeBytes { try store($0, format: 1, slot) }
    }

    /// Binds NULL.
    public func bindNull(at index: Int32) throws {
        let slot = try self.slot(index)
        values[slot] = nil
    }

    /// Binds any value, including `nil` for NULL.
    public func bind(_ value: Value, at index: Int32) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .boolean(let boolean): try bind(boolean, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let blob): try bind(blob, at: index)
        }
    }

    /// Binds an optional: NULL when nil.
    public func bind<T: Bindable>(_ value: T?, at index: Int32) throws {
        if let value {
            try value.bind(to: self, at: index)
        } else {
            try bindNull(at: index)
        }
    }

    /// Binds `values` to $1, $2, $3…; there must be one for each parameter.
    public func bind(_ values: [Value]) throws {
        guard values.count == parameterCount else {
            throw PostgreSQLError(
                state: .invalidDescriptorIndex,
                message: "\(values.count) values for \(parameterCount) parameters", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        values.update(repeating: nil, count: parameterCount)
    }

    private func slot(_ index: Int32) throws -> Int {
        guard index >= 1, Int(index) <= parameterCount else {
            throw PostgreSQLError(
                state: .invalidDescriptorIndex,
                message: "no parameter $\(index) (the statement has \(parameterCount))", sql: sql)
        }
        return Int(index) - 1
    }

    private func outOfRange(_ type: String, _ index: Int32) -> PostgreSQLError {
        PostgreSQLError(
            state: .numericValueOutOfRange, message: "value out of range for \(type) parameter $\(index)", sql: sql)
    }

    /// Stores a big-endian fixed-size value in binary format.
    private func store<T: FixedWidthInteger>(_ value: T, _ slot: Int) throws {
        try withUnsafeBytes(of: value) { try store($0, format: 1, slot) }
    }

    /// Text types get the bytes in binary format (their binary form), so the server sees the
    /// whole length; other types get them as a NUL-terminated text-format C string.
    private func storeText(_ value: String, _ slot: Int, _ index: Int32) throws {
        var value = value
        let isText = TypeOID.isText(parameterTypes[slot])
        try value.withUTF8 { bytes in
            if !isText, bytes.contains(0) {
                throw PostgreSQLError(
                    state: .characterNotInRepertoire, message: "text with a NUL character in parameter $\(index)",
                    sql: sql)
            }
            try store(UnsafeRawBufferPointer(bytes), format: isText ? 1 : 0, slot)
        }
    }

    /// Copies `bytes` into the slot's buffer, followed by a NUL (which text format needs).
    private func store(_ bytes: UnsafeRawBufferPointer, format: CInt, _ slot: Int) throws {
        // "The maximum size of a field is 1 GB"; a length past CInt is refused before the cast.
        guard bytes.count < Int(CInt.max) else {
            throw PostgreSQLError(
                state: .programLimitExceeded, message: "value too large for parameter $\(slot + 1)", sql: sql)
        }
        let needed = bytes.count + 1
        if capacities[slot] < needed {
            let capacity = max(needed, 32, min(capacities[slot] * 2, Int(CInt.max)))
            guard let grown = realloc(buffers[slot], capacity) else {
                throw PostgreSQLError(
                    state: .outOfMemory, message: "cannot allocate \(capacity) bytes for parameter $\(slot + 1)",
                    sql: sql)
            }
            buffers[slot] = grown
            capacities[slot] = capacity
        }
        guard let buffer = buffers[slot] else { return }
        if let base = bytes.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
        buffer.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        values[slot] = UnsafePointer(buffer.assumingMemoryBound(to: CChar.self))
        lengths[slot] = CInt(bytes.count)
        formats[slot] = format
    }
}

extension Int64: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Int: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Bool: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Double: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension String: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Array: Bindable where Element == UInt8 {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Value: Bindable {
    public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
