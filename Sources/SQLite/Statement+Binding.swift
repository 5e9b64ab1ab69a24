import CSQLite

/// A Swift value that can be bound to a statement parameter.
public protocol Bindable {
    /// Binds `self` to the 1-based parameter `index` of `statement`.
    func bind(to statement: Statement, at index: Int32) throws
}

extension Statement {
    /// Binds an integer to the 1-based parameter `index`.
    @inlinable
    public func bind(_ value: Int64, at index: Int32) throws {
        try checkBind(sqlite3_bind_int64(handle, index, value), index)
    }

    /// Binds an integer to the 1-based parameter `index`.
    @inlinable
    public func bind(_ value: Int, at index: Int32) throws {
        try checkBind(sqlite3_bind_int64(handle, index, Int64(value)), index)
    }

    /// Binds a Bool as 0 or 1.
    @inlinable
    public func bind(_ value: Bool, at index: Int32) throws {
        try checkBind(sqlite3_bind_int64(handle, index, value ? 1 : 0), index)
    }

    /// Binds a double.
    @inlinable
    public func bind(_ value: Double, at index: Int32) throws {
        try checkBind(sqlite3_bind_double(handle, index, value), index)
    }

    /// Binds text by its UTF-8 byte count, so embedded NUL characters survive; SQLite copies it.
    @inlinable
    public func bind(_ value: String, at index: Int32) throws {
        var value = value
        let rc = value.withUTF8 { bytes in
            bindText(UnsafeRawBufferPointer(bytes), at: index)
        }
        try checkBind(rc, index)
    }

    /// Binds a blob; an empty array binds a zero-length blob, not NULL.
    @inlinable
    public func bind(_ value: [UInt8], at index: Int32) throws {
        let rc = value.withUnsafeBytes { bytes in
            bindBlob(bytes, at: index)
        }
        try checkBind(rc, index)
    }

    /// Binds UTF-8 bytes as text without building a String; SQLite copies them.
    @inlinable
    public func bindText(bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        try checkBind(bindText(bytes, at: index), index)
    }

    /// Binds any value, including `nil` for NULL.
    @inlinable
    public func bind(_ value: Value, at index: Int32) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let blob): try bind(blob, at: index)
        }
    }

    /// Binds an optional: NULL when nil.
    @inlinable
    public func bind<T: Bindable>(_ value: T?, at index: Int32) throws {
        if let value {
            try value.bind(to: self, at: index)
        } else {
            try bindNull(at: index)
        }
    }

    /// Binds NULL.
    @inlinable
    public func bindNull(at index: Int32) throws {
        try checkBind(sqlite3_bind_null(handle, index), index)
    }

    /// Binds `values` to parameters 1, 2, 3…
    public func bind(_ values: [Value]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds to a named parameter, written with its prefix as in the SQL (":id", "@id", "$id").
    @inlinable
    public func bind<T: Bindable>(_ value: T?, named name: String) throws {
        try bind(value, at: parameterIndex(name))
    }

    /// Binds any value, including `nil` for NULL, to a named parameter.
    @inlinable
    public func bind(_ value: Value, named name: String) throws {
        try bind(value, at: parameterIndex(name))
    }

    /// The number of parameters the SQL declares (the largest index).
    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    /// The 1-based index of a named parameter ("the name must be given in UTF-8 ... including
    /// the prefix"); throws SQLITE_RANGE when the SQL has no such parameter.
    @usableFromInline
    func parameterIndex(_ name: String) throws -> Int32 {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw SQLiteError(code: .range, message: "no parameter named \(name)", sql: sql)
        }
        return index
    }

    @usableFromInline
    func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int32) -> CInt {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // A NULL data pointer would bind NULL: an empty string needs a real (empty) C string.
            return sqlite3_bind_text64(handle, index, "", 0, goodnews_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
        return sqlite3_bind_text64(
            handle, index, base.assumingMemoryBound(to: CChar.self), UInt64(bytes.count),
            goodnews_sqlite_transient(), UInt8(SQLITE_UTF8))
    }

    @usableFromInline
    func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) -> CInt {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // "A zeroblob uses a fixed amount of memory" and is a BLOB of length 0, not NULL.
            return sqlite3_bind_zeroblob(handle, index, 0)
        }
        return sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), goodnews_sqlite_transient())
    }

    @inlinable
    func checkBind(_ rc: CInt, _ index: Int32) throws {
        if rc != SQLITE_OK { throw bindError(rc, index) }
    }

    @usableFromInline
    func bindError(_ rc: CInt, _ index: Int32) -> SQLiteError {
        let base = SQLiteError(code: rc, connection: sqlite3_db_handle(handle))
        return SQLiteError(code: base.code, message: "\(base.message) (parameter \(index))", sql: sql)
    }
}

extension Int64: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Int: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Bool: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Double: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension String: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Array: Bindable where Element == UInt8 {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Value: Bindable {
    @inlinable public func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
