@testable import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct StatementCacheTests {
    @Test func theSameSQLGivesTheSameStatementWithClearedBindings() throws {
        let connection = try TestServer.connect()
        let first = try connection.cachedStatement("SELECT $1::text")
        try first.bind("bound", at: 1)
        #expect(try first.execute().scalarString() == "bound")
        // Bindings stay for the next run…
        #expect(try first.execute().scalarString() == "bound")
        // …until the statement is handed out again.
        let again = try connection.cachedStatement("SELECT $1::text")
        #expect(again === first)
        #expect(try again.execute().scalarString() == nil)
    }

    @Test func aStatementIsPreparedOnceOnTheServer() throws {
        let connection = try TestServer.connect()
        for index in 0..<5 { _ = try connection.query("SELECT $1::int8", [.integer(Int64(index))]) }
        let prepared = try connection.query(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [.text("SELECT $1::int8")])
        #expect(prepared.scalarInt64() == 1)
    }

    @Test func aFullCacheStartsOver() throws {
        let connection = try TestServer.connect()
        let kept = try connection.cachedStatement("SELECT 0")
        for index in 1...Connection.statementCacheLimit {
            _ = try connection.query("SELECT \(index)")
        }
        let count = try connection.query("SELECT count(*) FROM pg_prepared_statements").scalarInt64() ?? 0
        #expect(count <= Int64(Connection.statementCacheLimit))
        #expect(throws: PostgreSQLError.self) { try kept.execute() }
        #expect(try connection.query("SELECT 0").scalarInt64() == 0)
    }
}
