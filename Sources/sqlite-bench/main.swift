// `swift run -c release sqlite-bench`: the SQLite wrapper against direct C calls, on a
// temporary WAL database. Each case runs three times, alternating which side goes first,
// and keeps the best time of each side.
// The select loops run inside one read transaction: starting a WAL read transaction costs
// file-lock system calls that are the same on both sides and would hide the wrapper's cost.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite
import SQLite

let rowCount: Int64 = 100_000
let selectCount = 1_000_000
let insertCount = 100_000
let rounds = 3

/// CPU seconds of this thread: the machine is shared, and time spent descheduled (or waiting
/// for fsync) is not the wrapper's cost, so rates are per CPU-second.
func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A deterministic walk over every primary key.
@inline(__always)
func key(_ index: Int) -> Int64 { Int64(index &* 7919) % rowCount + 1 }

/// Keeps results alive so the optimiser cannot drop the reads.
nonisolated(unsafe) var sink = 0  // Written by this single-threaded program only.

func cSelect(_ db: OpaquePointer, readText: (OpaquePointer) -> Int) -> Double {
    var statement: OpaquePointer?
    sqlite3_prepare_v3(db, "SELECT n, title FROM items WHERE id = ?", -1, 0, &statement, nil)
    guard let statement else { return .nan }
    defer { sqlite3_finalize(statement) }
    let start = seconds()
    sqlite3_exec(db, "BEGIN", nil, nil, nil)
    defer { sqlite3_exec(db, "COMMIT", nil, nil, nil) }
    for index in 0..<selectCount {
        sqlite3_bind_int64(statement, 1, key(index))
        guard sqlite3_step(statement) == SQLITE_ROW else { return .nan }
        sink &+= Int(sqlite3_column_int64(statement, 0)) &+ readText(statement)
        sqlite3_reset(statement)
    }
    return seconds() - start
}

func cStringLength(_ statement: OpaquePointer) -> Int {
    let text = sqlite3_column_text(statement, 1)
    let count = Int(sqlite3_column_bytes(statement, 1))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self).utf8.count
}

func cByteCount(_ statement: OpaquePointer) -> Int {
    let text = sqlite3_column_text(statement, 1)
    let count = Int(sqlite3_column_bytes(statement, 1))
    return UnsafeRawBufferPointer(start: text, count: count).last.map(Int.init) ?? 0
}

func wrapperSelect(_ connection: Connection, cached: Bool, readText: (Statement) -> Int) throws -> Double {
    let sql = "SELECT n, title FROM items WHERE id = ?"
    let prepared = try connection.prepare(sql)
    let start = seconds()
    try connection.execute("BEGIN")
    defer { try? connection.execute("COMMIT") }
    for index in 0..<selectCount {
        let statement = cached ? try connection.cachedStatement(sql) : prepared
        try statement.bind(key(index), at: 1)
        guard try statement.step() else { return .nan }
        sink &+= Int(statement.int64(0)) &+ readText(statement)
        statement.reset()
    }
    return seconds() - start
}

func cInsert(_ db: OpaquePointer) -> Double {
    // Same starting point for both sides: an empty table and an empty WAL.
    sqlite3_exec(db, "DELETE FROM inserted; PRAGMA wal_checkpoint(TRUNCATE)", nil, nil, nil)
    var statement: OpaquePointer?
    sqlite3_prepare_v3(db, "INSERT INTO inserted (n, title) VALUES (?, ?)", -1, 0, &statement, nil)
    guard let statement else { return .nan }
    defer { sqlite3_finalize(statement) }
    let start = seconds()
    sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil)
    for index in 0..<insertCount {
        var title = "inserted title number \(index)"
        sqlite3_bind_int64(statement, 1, Int64(index))
        title.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                _ = sqlite3_bind_text64(
                    statement, 2, $0.baseAddress, UInt64($0.count), goodnews_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        guard sqlite3_step(statement) == SQLITE_DONE else { return .nan }
        sqlite3_reset(statement)
    }
    sqlite3_exec(db, "COMMIT", nil, nil, nil)
    return seconds() - start
}

func wrapperInsert(_ connection: Connection) throws -> Double {
    try connection.execute("DELETE FROM inserted; PRAGMA wal_checkpoint(TRUNCATE)")
    let statement = try connection.prepare("INSERT INTO inserted (n, title) VALUES (?, ?)")
    let start = seconds()
    try connection.transaction {
        for index in 0..<insertCount {
            try statement.bind(index, at: 1)
            try statement.bind("inserted title number \(index)", at: 2)
            _ = try statement.step()
            statement.reset()
        }
    }
    return seconds() - start
}

func run() throws {
    var template = Array("/tmp/sqlite-bench.XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw SQLiteError(code: .cantOpen, message: "mkdtemp") }
    let directory = String(cString: created)
    let path = directory + "/bench.sqlite"
    defer {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        rmdir(directory)
    }

    let connection = try Connection(path: path)
    print(try connection.configure())
    // The whole file fits in each connection's page cache, so reads measure no pread calls.
    try connection.execute("PRAGMA cache_size = -65536")
    fflush(nil)
    try connection.execute("""
        CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, title TEXT NOT NULL);
        CREATE TABLE inserted (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, title TEXT NOT NULL);
        """)
    try connection.transaction {
        let insert = try connection.prepare("INSERT INTO items (id, n, title) VALUES (?, ?, ?)")
        for id in 1...rowCount {
            try insert.bind(id, at: 1)
            try insert.bind(id * 3, at: 2)
            try insert.bind("Good news item \(id): a title of ordinary length", at: 3)
            try insert.execute()
        }
    }
    // Direct calls on a second connection to the same file, so both sides start equal.
    var raw: OpaquePointer?
    sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
    guard let db = raw else { throw SQLiteError(code: .cantOpen, message: path) }
    defer { sqlite3_close_v2(db) }
    sqlite3_exec(db, "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536", nil, nil, nil)

    typealias Case = (name: String, count: Int, c: () throws -> Double, wrapper: () throws -> Double)
    let cases: [Case] = [
        ("point select, int + text as String", selectCount,
         { cSelect(db, readText: cStringLength) },
         { try wrapperSelect(connection, cached: false) { $0.string(1).utf8.count } }),
        ("point select, int + text bytes", selectCount,
         { cSelect(db, readText: cByteCount) },
         { try wrapperSelect(connection, cached: false) { $0.withTextBytes(1) { $0.last.map(Int.init) ?? 0 } } }),
        ("point select via cachedStatement", selectCount,
         { cSelect(db, readText: cStringLength) },
         { try wrapperSelect(connection, cached: true) { $0.string(1).utf8.count } }),
        ("insert (int + text), one transaction", insertCount,
         { cInsert(db) },
         { try wrapperInsert(connection) }),
    ]
    print("")
    print("ops per CPU-second, best of \(rounds) alternating rounds")
    print(pad("case", 40) + pad("C ops/s", 14) + pad("wrapper ops/s", 16) + "overhead")
    for benchmark in cases {
        var bestC = Double.infinity
        var bestWrapper = Double.infinity
        for round in 0..<rounds {
            // Alternate which side goes first, so warm caches favour neither.
            if round % 2 == 0 {
                bestC = min(bestC, try benchmark.c())
                bestWrapper = min(bestWrapper, try benchmark.wrapper())
            } else {
                bestWrapper = min(bestWrapper, try benchmark.wrapper())
                bestC = min(bestC, try benchmark.c())
            }
        }
        let overhead = (bestWrapper - bestC) / bestC * 100
        defer { fflush(nil) }
        print(pad(benchmark.name, 40) + pad(rate(benchmark.count, bestC), 14)
              + pad(rate(benchmark.count, bestWrapper), 16) + format(overhead, 1) + " %")
    }
    if sink == 42 { print("") }
}

func rate(_ count: Int, _ seconds: Double) -> String { String(Int(Double(count) / seconds)) }

func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(1, width - text.count))
}

func format(_ value: Double, _ decimals: Int) -> String {
    let scale = Double([1, 10, 100, 1000][decimals])
    let rounded = (value * scale).rounded() / scale
    return (rounded >= 0 ? "+" : "") + String(rounded)
}

do {
    try run()
} catch {
    print("sqlite-bench: \(error)")
    exit(1)
}
