import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct ConnectionTests {
    @Test func connectsWithTheURL() throws {
        let connection = try TestServer.connect()
        #expect(connection.isConnected)
        #expect(connection.serverVersion >= 100_000)
        #expect(connection.backendProcessID > 0)
        #expect(try connection.query("SELECT 40 + 2").scalarInt64() == 42)
    }

    @Test func acceptsThePostgresScheme() throws {
        let url = try #require(TestServer.url)
        let connection = try Connection(url: "postgres://" + url.dropFirst("postgresql://".count))
        #expect(try connection.query("SELECT current_user").scalarString() == "goodnews")
    }

    @Test(.enabled(if: TestServer.variable("PGHOST") != nil || TestServer.isCI))
    func connectsWithThePGEnvironmentAlone() throws {
        guard TestServer.variable("PGHOST") != nil else {
            throw TestFailure("CI is set but PGHOST is not: eval the output of scripts/pg-test-cluster.sh start")
        }
        let connection = try Connection()
        #expect(try connection.query("SELECT 1").scalarInt64() == 1)
        // An empty URL is the same: every parameter from the environment.
        let fromURL = try Connection(url: "postgresql://")
        #expect(try fromURL.query("SELECT 2").scalarInt64() == 2)
    }

    @Test func aRefusedConnectionIsAConnectionErrorWithoutThePassword() throws {
        // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
        let url = "postgresql://goodnews:hunter2-secret@127.0.0.1:1/postgres?connect_timeout=5"
        var caught: PostgreSQLError?
        do {
            _ = try Connection(url: url)
        } catch let error as PostgreSQLError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.state == .unableToConnect)
        #expect(error.isConnectionError)
        #expect(error.message.contains("127.0.0.1"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func aMalformedURLIsRefusedWithLibpqsReason() throws {
        var caught: PostgreSQLError?
        do {
            _ = try Connection(url: "postgresql://localhost:notaport/postgres")
        } catch let error as PostgreSQLError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.state == .unableToConnect)
        #expect(error.message.contains("port"))
    }

    @Test func aMissingDatabaseIsRefused() throws {
        let url = try #require(TestServer.url).replacing("postgresql:///postgres?", with: "postgresql:///no_such_db?")
        #expect(throws: PostgreSQLError.self) { try Connection(url: url) }
    }

    @Test func closeIsIdempotentAndLaterCallsFail() throws {
        let connection = try TestServer.connect()
        let statement = try connection.cachedStatement("SELECT 1")
        connection.close()
        connection.close()
        #expect(connection.isClosed)
        #expect(!connection.isConnected)
        #expect(connection.backendProcessID == 0)
        let calls: [() throws -> Void] = [{ try connection.execute("SELECT 1") }, { _ = try statement.execute() }, { try connection.reset() }]
        for call in calls {
            #expect {
                try call()
            } throws: { error in
                (error as? PostgreSQLError)?.state == .connectionDoesNotExist
            }
        }
    }

    @Test func aResultOutlivesItsConnection() throws {
        var connection: Connection? = try TestServer.connect()
        let result = try #require(connection).query("SELECT 'kept' AS word")
        connection = nil
        #expect(try result.first?.string("word") == "kept")
    }

    @Test func scriptsRunSeveralStatements() throws {
        let connection = try TestServer.connect()
        try connection.execute("""
            CREATE TEMP TABLE items (id int8 PRIMARY KEY, title text NOT NULL);
            INSERT INTO items VALUES (1, 'one'), (2, 'two');
            """)
        #expect(try connection.count("items") == 2)
        #expect(try connection.execute("UPDATE items SET title = upper(title) WHERE id >= $1", [.integer(1)]) == 2)
        #expect(try connection.execute("DELETE FROM items WHERE id = $1", [.integer(9)]) == 0)
    }

    @Test func aPreparedStatementTakesOneCommand() throws {
        let connection = try TestServer.connect()
        #expect {
            try connection.query("SELECT 1; SELECT 2")
        } throws: { error in
            (error as? PostgreSQLError)?.state == .syntaxError
        }
    }
}
