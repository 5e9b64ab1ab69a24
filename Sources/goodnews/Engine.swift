import ArgumentParser
import Glibc
import GoodNews
import Log
import PostgreSQL
import PostgreSQLStore
import SQLiteStore

/// The storage engine `--db` names: a file path (SQLite, the default) or a `postgresql://` / `postgres://` URL
/// (what the URL leaves out comes from libpq's `PG*` variables). The one place the executable tells them apart.
enum Engine {
    case sqlite(path: String)
    case postgresql(url: String)

    init(_ value: String) {
        self = PostgreSQL.Connection.isURL(value) ? .postgresql(url: value) : .sqlite(path: value)
    }

    var name: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgresql: "PostgreSQL"
        }
    }

    /// The engine's migrations folder inside `migrations/`.
    func migrationsDirectory(_ assets: Assets) -> String {
        switch self {
        case .sqlite: assets.migrations
        case .postgresql: assets.migrations + "/postgresql"
        }
    }

    /// Opens and migrates the database.
    func open(assets: Assets, logger: Logger) throws -> any EngineStorage {
        switch self {
        case .sqlite(let path):
            try SQLiteStorage.open(path: path, migrationsDirectory: migrationsDirectory(assets), log: { logger.info($0) })
        case .postgresql(let url):
            try PostgreSQLStorage.open(url: url, migrationsDirectory: migrationsDirectory(assets), log: { logger.info($0) })
        }
    }
}

/// What the commands need of an engine's storage beyond `Storage`.
protocol EngineStorage: Storage {
    func close()
    /// What only a long-running server does: SQLite builds its in-memory search index, PostgreSQL listens for
    /// the other nodes' commits.
    func startServing(log: @escaping @Sendable (String) -> Void) throws
}

extension SQLiteStorage: EngineStorage {
    func startServing(log: @escaping @Sendable (String) -> Void) throws { try startSearchIndex(log: log) }
}

extension PostgreSQLStorage: EngineStorage {
    func startServing(log: @escaping @Sendable (String) -> Void) throws { try startListening(log: log) }
}

/// A command that cannot work on the engine `--db` names: says what to use instead; exit status 2.
func unsupportedOnEngine(_ message: String) -> ExitCode {
    refusal(message)
}

/// A command refusing to do what it was asked (wrong engine, a target that is not empty): the message on
/// standard error, and exit status 2, as for a usage error, since trying again unchanged cannot help.
func refusal(_ message: String) -> ExitCode {
    let line = Array(("Error: " + message + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    return ExitCode(2)
}
