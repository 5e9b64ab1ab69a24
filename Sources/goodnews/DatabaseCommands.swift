import ArgumentParser
import GoodNews
import Log
import SQLite
import SQLiteStore

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending migrations, or list applied and pending ones with --status.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List applied and pending migrations instead of applying them.")
    var status = false

    func run() throws {
        let assets = try database.locateAssets()
        let migrations = try Migration.load(directory: assets.migrations)
        let connection = try Connection(path: database.path)
        defer { connection.close() }
        let migrator = Migrator(connection: connection)
        if status {
            for line in try migrator.status(migrations) { print(line.description) }
            return
        }
        let applied = try migrator.apply(migrations)
        if applied.isEmpty { print("database is up to date (\(migrations.count) migrations)") }
        for migration in applied { print("applied \(migration.fileName)") }
        let storage = try database.openStorage(assets: assets, logger: Logger(level: .warn))
        storage.close()
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load posts, cases (and actions) from a JSON file in one transaction: all or nothing.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "A JSON file shaped {\"posts\": [...], \"cases\": [...]}.")
    var file: String

    func run() throws {
        let logger = Logger(level: .warn)
        let storage = try database.openStorage(assets: database.locateAssets(), logger: logger)
        defer { storage.close() }
        let summary = try Importer(storage: storage).importFile(atPath: file)
        print(summary.description)
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the live database (safe while the server runs).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Where to write the copy.")
    var destination: String

    func run() throws {
        let connection = try Connection(path: database.path, mode: .readOnly)
        defer { connection.close() }
        try connection.backup(to: destination)
        print("backed up \(database.path) to \(destination)")
    }
}
