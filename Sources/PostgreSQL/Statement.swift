#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPostgreSQL

/// A server-side prepared statement of one connection's cache, with its parameter buffers.
///
/// Parameters are sent in the binary format where the server's type for them has one
/// (int2/4/8, float4/8, bool, bytea, text types: no number formatting or parsing on either
/// side), and as text otherwise (numeric, timestamptz, jsonb…, which PostgreSQL then parses).
/// Results come back in binary when every column has a binary decoding, else all in text.
///
/// Used by one thread at a time, like its connection, which it does not keep alive: once the
/// connection is closed, `execute` throws; once it is reset (a new session), the server no
/// longer knows the statement and says so (`.invalidStatementName`): ask `cachedStatement` again.
public final class Statement {
    /// The SQL text the statement was prepared from.
    public let sql: String
    private weak var connection: Connection?
    private let pq: UnsafePointer<goodnews_pq>
    private let name: [CChar]
    /// The server's type for each parameter, as inferred at PREPARE.
    let parameterTypes: [UInt32]
    /// 1 when every result column is read in binary, 0 for text.
    private let resultFormat: CInt

    // One slot per parameter, passed to PQexecPrepared as they are: no allocation per run.
    let values: UnsafeMutablePointer<UnsafePointer<CChar>?>
    let lengths: UnsafeMutablePointer<CInt>
    let formats: UnsafeMutablePointer<CInt>
    /// Each slot's own buffer, grown on demand and reused.
    let buffers: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    let capacities: UnsafeMutablePointer<Int>

    init(connection: Connection, handle: OpaquePointer, name: String, sql: String) throws {
        let pq = connection.pq
        // "the query string ... must be a single SQL command": the server refuses two.
        pq.pointee.PQclear(try connection.checked(pq.pointee.PQprepare(handle, name, sql, 0, nil), sql: sql))
        let description = try connection.checked(pq.pointee.PQdescribePrepared(handle, name), sql: sql)
        defer { pq.pointee.PQclear(description) }
        let parameterCount = Int(pq.pointee.PQnparams(description))
        parameterTypes = (0..<parameterCount).map { pq.pointee.PQparamtype(description, CInt($0)) }
        let columnCount = pq.pointee.PQnfields(description)
        let allBinary = (0..<columnCount).allSatisfy { TypeOID.hasBinaryDecoding(pq.pointee.PQftype(description, $0)) }
        resultFormat = allBinary ? 1 : 0

        self.sql = sql
        self.connection = connection
        self.pq = pq
        self.name = Array(name.utf8CString)
        values = .allocate(capacity: parameterCount)
        values.initialize(repeating: nil, count: parameterCount)
        lengths = .allocate(capacity: parameterCount)
        lengths.initialize(repeating: 0, count: parameterCount)
        formats = .allocate(capacity: parameterCount)
        formats.initialize(repeating: 0, count: parameterCount)
        buffers = .allocate(capacity: parameterCount)
        buffers.initialize(repeating: nil, count: parameterCount)
        capacities = .allocate(capacity: parameterCount)
        capacities.initialize(repeating: 0, count: parameterCount)
    }

    deinit {
        for index in 0..<parameterTypes.count { free(buffers[index]) }
        values.deallocate()
        lengths.deallocate()
        formats.deallocate()
        buffers.deallocate()
        capacities.deallocate()
    }

    /// The number of parameters the SQL declares ($1…$n).
    public var parameterCount: Int { parameterTypes.count }

    /// Runs the statement with the current bindings (unbound parameters are NULL), which it
    /// keeps for the next run.
    @discardableResult
    public func execute() throws -> QueryResult {
        guard let connection else { throw PostgreSQLError.closed(sql) }
        let handle = try connection.openHandle(sql)
        let result = pq.pointee.PQexecPrepared(
            handle, name, CInt(parameterTypes.count), values, lengths, formats, resultFormat)
        return QueryResult(pq: pq, handle: try connection.checked(result, sql: sql))
    }
}
