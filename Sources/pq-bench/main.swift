// `swift run -c release pq-bench [URL]`: the PostgreSQL wrapper against direct libpq calls, on
// the same server, table and queries. URL defaults to GOODNEWS_TEST_PG_URL, then to libpq's PG*
// environment (`eval "$(scripts/pg-test-cluster.sh start)"` sets both).
//
// Each case runs in short blocks that alternate between the two sides, so a busy moment on a
// shared machine falls on both alike, and sums each side's blocks. Two rates per side:
// operations per wall-clock second (what a caller sees, round trips to the server included) and
// client CPU per operation (this thread only: the wrapper's own cost, without the server's work
// or the waiting, so its overhead there is an upper bound).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPostgreSQL
import PostgreSQL

let rowCount: Int64 = 10_000
let blocks = 24
let blockSize = 2_000
let selectSQL = "SELECT n, title FROM pq_bench_items WHERE id = $1"
let insertSQL = "INSERT INTO pq_bench_inserted (n, title) VALUES ($1, $2)"

struct BenchFailure: Error, CustomStringConvertible { let description: String }

/// A deterministic walk over every primary key.
@inline(__always)
func key(_ index: Int) -> Int64 { Int64(index &* 7919) % rowCount + 1 }

/// Keeps results alive so the optimiser cannot drop the reads.
nonisolated(unsafe) var sink = 0  // Written by this single-threaded program only.

/// Direct libpq calls, through the same loaded function table the wrapper uses, with the
/// parameter arrays set up once, as careful C would.
final class Direct {
    let pq: UnsafePointer<goodnews_pq>
    let conn: OpaquePointer
    private let values = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: 2)
    private let lengths = UnsafeMutablePointer<CInt>.allocate(capacity: 2)
    private let formats = UnsafeMutablePointer<CInt>.allocate(capacity: 2)
    private let number = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)

    init(pq: UnsafePointer<goodnews_pq>, url: String) throws {
        guard let conn = pq.pointee.PQconnectdb(url), pq.pointee.PQstatus(conn) == CONNECTION_OK else {
            throw BenchFailure(description: "direct connection failed")
        }
        self.pq = pq
        self.conn = conn
        values[0] = UnsafePointer(number.assumingMemoryBound(to: CChar.self))
        lengths[0] = 8
        formats[0] = 1
        formats[1] = 1
        try check(pq.pointee.PQprepare(conn, "direct_select", selectSQL, 0, nil))
        try check(pq.pointee.PQprepare(conn, "direct_insert", insertSQL, 0, nil))
    }

    deinit {
        pq.pointee.PQfinish(conn)
        values.deallocate()
        lengths.deallocate()
        formats.deallocate()
        number.deallocate()
    }

    func check(_ result: OpaquePointer?) throws {
        let status = result.map { pq.pointee.PQresultStatus($0) }
        pq.pointee.PQclear(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw BenchFailure(description: pq.pointee.PQerrorMessage(conn).map { String(cString: $0) } ?? "failed")
        }
    }

    func select(_ range: Range<Int>) throws {
        for index in range {
            number.storeBytes(of: key(index).bigEndian, as: Int64.self)
            let result = pq.pointee.PQexecPrepared(conn, "direct_select", 1, values, lengths, formats, 1)
            guard let result, pq.pointee.PQresultStatus(result) == PGRES_TUPLES_OK, pq.pointee.PQntuples(result) == 1,
                  let n = pq.pointee.PQgetvalue(result, 0, 0)
            else { throw BenchFailure(description: "select failed") }
            let title = UnsafeRawBufferPointer(
                start: pq.pointee.PQgetvalue(result, 0, 1), count: Int(pq.pointee.PQgetlength(result, 0, 1)))
            sink &+= Int(Int64(bigEndian: UnsafeRawPointer(n).loadUnaligned(as: Int64.self)))
                &+ String(decoding: title, as: UTF8.self).utf8.count
            pq.pointee.PQclear(result)
        }
    }

    func insert(_ range: Range<Int>) throws {
        try check(pq.pointee.PQexec(conn, "BEGIN"))
        for index in range {
            number.storeBytes(of: Int64(index).bigEndian, as: Int64.self)
            var title = "inserted title number \(index)"
            try title.withUTF8 { text in
                values[1] = UnsafeRawPointer(text.baseAddress)?.assumingMemoryBound(to: CChar.self)
                lengths[1] = CInt(text.count)
                try check(pq.pointee.PQexecPrepared(conn, "direct_insert", 2, values, lengths, formats, 0))
            }
        }
        try check(pq.pointee.PQexec(conn, "COMMIT"))
    }
}

func wrapperSelect(_ connection: Connection, cached: Bool) throws -> (Range<Int>) throws -> Void {
    let held = try connection.cachedStatement(selectSQL)
    return { range in
        for index in range {
            let statement = cached ? try connection.cachedStatement(selectSQL) : held
            try statement.bind(key(index), at: 1)
            guard let row = try statement.execute().first else { throw BenchFailure(description: "no row") }
            sink &+= Int(row.int64(0)) &+ row.string(1).utf8.count
        }
    }
}

func wrapperInsert(_ connection: Connection) throws -> (Range<Int>) throws -> Void {
    let statement = try connection.cachedStatement(insertSQL)
    return { range in
        try connection.transaction {
            for index in range {
                try statement.bind(index, at: 1)
                try statement.bind("inserted title number \(index)", at: 2)
                try statement.execute()
            }
        }
    }
}

struct Totals {
    var wall = 0.0
    var cpu = 0.0
}

func clock(_ id: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(id, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func timeBlock(_ body: (Range<Int>) throws -> Void, _ range: Range<Int>, into totals: inout Totals) throws {
    let wall = clock(CLOCK_MONOTONIC)
    let cpu = clock(CLOCK_THREAD_CPUTIME_ID)
    try body(range)
    totals.wall += clock(CLOCK_MONOTONIC) - wall
    totals.cpu += clock(CLOCK_THREAD_CPUTIME_ID) - cpu
}

func run() throws {
    let url = CommandLine.arguments.dropFirst().first
        ?? getenv("GOODNEWS_TEST_PG_URL").map { String(cString: $0) } ?? "postgresql://"
    let connection = try Connection(url: url)
    try connection.execute("""
        DROP TABLE IF EXISTS pq_bench_items, pq_bench_inserted;
        CREATE TABLE pq_bench_items (id int8 PRIMARY KEY, n int8 NOT NULL, title text NOT NULL);
        CREATE TABLE pq_bench_inserted (id int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int8 NOT NULL, title text NOT NULL);
        INSERT INTO pq_bench_items
            SELECT id, id * 3, 'Good news item ' || id || ': a title of ordinary length' FROM generate_series(1, \(rowCount)) AS id;
        ANALYZE pq_bench_items;
        """)
    defer { try? connection.execute("DROP TABLE IF EXISTS pq_bench_items, pq_bench_inserted") }
    // Direct calls on a second session to the same server, so both sides start equal.
    let pq = try LibPQ.functions()
    let direct = try Direct(pq: pq, url: url)
    print("PostgreSQL \(connection.serverVersion), libpq \(pq.pointee.PQlibVersion()), \(url)")

    typealias Case = (name: String, direct: (Range<Int>) throws -> Void, wrapper: (Range<Int>) throws -> Void)
    let cases: [Case] = [
        ("point select, int + text (held statement)", direct.select, try wrapperSelect(connection, cached: false)),
        ("point select via cachedStatement", direct.select, try wrapperSelect(connection, cached: true)),
        ("insert (int + text), \(blockSize) per transaction", direct.insert, try wrapperInsert(connection)),
    ]
    print("")
    print("\(blocks) alternating blocks of \(blockSize) per side; ops/s by wall clock, then client CPU µs per op")
    print(pad("case", 46) + pad("libpq ops/s", 13) + pad("wrapper ops/s", 15) + pad("overhead", 10)
          + pad("libpq µs", 10) + pad("wrapper µs", 12) + "overhead")
    for benchmark in cases {
        var c = Totals()
        var wrapper = Totals()
        for block in 0..<blocks {
            let range = block * blockSize..<(block + 1) * blockSize
            if block % 2 == 0 {
                try timeBlock(benchmark.direct, range, into: &c)
                try timeBlock(benchmark.wrapper, range, into: &wrapper)
            } else {
                try timeBlock(benchmark.wrapper, range, into: &wrapper)
                try timeBlock(benchmark.direct, range, into: &c)
            }
        }
        let count = blocks * blockSize
        defer { fflush(nil) }
        print(pad(benchmark.name, 46) + pad(rate(count, c.wall), 13) + pad(rate(count, wrapper.wall), 15)
              + pad(percent(wrapper.wall, c.wall), 10) + pad(micro(count, c.cpu), 10)
              + pad(micro(count, wrapper.cpu), 12) + percent(wrapper.cpu, c.cpu))
    }
    if sink == 42 { print("") }
}

func rate(_ count: Int, _ seconds: Double) -> String { String(Int(Double(count) / seconds)) }

func micro(_ count: Int, _ seconds: Double) -> String { String((seconds / Double(count) * 1e7).rounded() / 10) }

func percent(_ wrapper: Double, _ c: Double) -> String {
    let rounded = ((wrapper - c) / c * 1000).rounded() / 10
    return (rounded >= 0 ? "+" : "") + String(rounded) + " %"
}

func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(1, width - text.count))
}

do {
    try run()
} catch {
    print("pq-bench: \(error)")
    exit(1)
}
