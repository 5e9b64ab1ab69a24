import Foundation
@testable import API
@testable import GoodNews
import HTTP
import Log
import PostgreSQLStore
import SQLite
import SQLiteStore

/// A real goodnews server on 127.0.0.1, port 0, over a fresh database of the test engine (`TestEngine`): an
/// SQLite file in its own temporary folder, or a new PostgreSQL database. Each test makes its own; `stop()`
/// shuts it down and removes the folder (and the PostgreSQL database).
final class TestServer: FixtureSQL, @unchecked Sendable {  // set up once in init, then read-only
    let directory: String
    let databasePath: String
    let storage: any Storage
    private let sqlite: SQLiteStorage?
    private let postgresql: (storage: PostgreSQLStorage, database: TestEngine.Database, ownsDatabase: Bool)?
    /// The test database's URL when the engine is PostgreSQL.
    var postgreSQLURL: String? { postgresql?.database.url }
    var fixtures: FixtureDatabase { FixtureDatabase(storage: storage, sqlite: sqlite?.database, postgreSQLURL: postgreSQLURL) }
    /// The SQLite storage, for tests of what only it has (enabled on SQLite only).
    var sqliteStorage: SQLiteStorage {
        guard let sqlite else { fatalError("a test of SQLite's storage runs on SQLite only (TestEngine.isSQLite)") }
        return sqlite
    }
    /// The storage's SQLite file, for tests that look at rows directly (enabled on SQLite only).
    var database: Database {
        guard let sqlite else { fatalError("a test that reads SQLite rows runs on SQLite only (TestEngine.isSQLite)") }
        return sqlite.database
    }
    let app: GoodNewsApp
    let server: HTTPServer
    /// The time the server reads; `clock.advance(seconds:)` instead of sleeping.
    let clock = TestClock()
    var port: Int { server.port }

    /// The repository root, found from this file's path (tests run from anywhere).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    init(configuration: AppConfiguration = TestServer.defaultConfiguration(),
         server serverConfiguration: ServerConfiguration = TestServer.defaultServerConfiguration(),
         prepare: (FixtureDatabase) throws -> Void = { _ in },
         onCatchUpRead: @escaping @Sendable () -> Void = {},
         node shared: TestEngine.Database? = nil) throws {
        directory = NSTemporaryDirectory() + "goodnews-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        databasePath = directory + "/goodnews.sqlite"
        let logger = Logger(level: .error)
        let assets = Assets(root: TestServer.repositoryRoot)
        switch shared == nil ? TestEngine.current : .postgresql {
        case .sqlite:
            let sqlite = try SQLiteStorage.open(path: databasePath, migrationsDirectory: assets.migrations, readers: 4,
                                                log: { logger.debug($0) })
            try sqlite.startSearchIndex(log: { logger.debug($0) })
            try prepare(FixtureDatabase(storage: sqlite, sqlite: sqlite.database, postgreSQLURL: nil))
            self.sqlite = sqlite
            postgresql = nil
            storage = sqlite
        case .postgresql:
            let database = try shared ?? TestEngine.Database.create()
            let pg = try PostgreSQLStorage.open(url: database.url, migrationsDirectory: assets.migrations + "/postgresql",
                                                connections: 8, log: { logger.debug($0) })
            try pg.startListening(log: { logger.debug($0) })
            try prepare(FixtureDatabase(storage: pg, sqlite: nil, postgreSQLURL: database.url))
            sqlite = nil
            postgresql = (pg, database, shared == nil)
            storage = pg
        }
        app = try GoodNewsApp(storage: storage, assets: assets, configuration: configuration, logger: logger,
                              clock: clock.wallClock, onCatchUpRead: onCatchUpRead)
        server = HTTPServer(configuration: serverConfiguration, router: app.router, middleware: app.middleware,
                            logger: logger)
        try server.start()
    }

    static func defaultConfiguration() -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.actionRatePerMinute = 0
        return configuration
    }

    static func defaultServerConfiguration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.loopCount = 2
        configuration.poolSize = 8
        return configuration
    }

    /// A new admin token, straight through the service (as `goodnews token create` does).
    func makeToken(_ name: String = "test") throws -> String {
        try TokenService(storage: storage, clock: clock.wallClock).create(name: name)
    }

    func stop() {
        server.shutdown(grace: .seconds(2))
        app.shutdown()
        sqlite?.close()
        if let postgresql {
            postgresql.storage.close()
            if postgresql.ownsDatabase { postgresql.database.drop() }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// One request on a new connection.
    func request(_ method: String, _ target: String, headers: [(String, String)] = [],
                 body: String? = nil, token: String? = nil) throws -> TestResponse {
        let client = try TestClient(port: port)
        return try client.send(method, target, headers: headers, body: body.map { Array($0.utf8) }, token: token)
    }

    func get(_ target: String, headers: [(String, String)] = [], token: String? = nil) throws -> TestResponse {
        try request("GET", target, headers: headers, token: token)
    }

    /// A JSON body request (`Content-Type: application/json`).
    func send(_ method: String, _ target: String, json: String, token: String? = nil,
              headers: [(String, String)] = []) throws -> TestResponse {
        try request(method, target, headers: [("Content-Type", "application/json")] + headers, body: json, token: token)
    }
}
