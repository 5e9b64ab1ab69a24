import CSQLite

extension Connection {
    /// Defines the SQL function `name(x)` on this connection: it calls `body` with `x` as an integer and
    /// returns NULL. For temporary triggers that tell Swift which rows a statement touched (whatever
    /// statement it was, so no write path can forget to); `body` runs on the thread using the connection.
    public func defineIntegerHook(_ name: String, _ body: @escaping (Int64) -> Void) throws {
        let handle = try openHandle()
        let box = Unmanaged.passRetained(IntegerHook(body)).toOpaque()
        let rc = sqlite3_create_function_v2(
            handle, name, 1, SQLITE_UTF8, box,
            { context, _, values in
                let hook = Unmanaged<IntegerHook>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                hook.body(sqlite3_value_int64(values![0]))
                sqlite3_result_null(context)
            },
            nil, nil,
            { pointer in Unmanaged<IntegerHook>.fromOpaque(pointer!).release() })
        // On failure SQLite has already called the destructor.
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: handle, sql: "function \(name)") }
    }
}

private final class IntegerHook {
    let body: (Int64) -> Void
    init(_ body: @escaping (Int64) -> Void) { self.body = body }
}
