import ArgumentParser
import GoodNews
import Log
import Migrations
import PostgreSQL
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
        let engine = database.engine
        let migrations = try Migration.load(directory: engine.migrationsDirectory(assets))
        let statuses: [MigrationStatus]
        let applied: [Migration]
        switch engine {
        case .sqlite(let path):
            let connection = try SQLite.Connection(path: path)
            defer { connection.close() }
            let migrator = SQLite.Migrator(connection: connection)
            statuses = status ? try migrator.status(migrations) : []
            applied = status ? [] : try migrator.apply(migrations)
        case .postgresql(let url):
            let connection = try PostgreSQL.Connection(url: url)
            defer { connection.close() }
            let migrator = PostgreSQL.Migrator(connection: connection)
            statuses = status ? try migrator.status(migrations) : []
            applied = status ? [] : try migrator.apply(migrations)
        }
        if status {
            for line in statuses { print(line.description) }
            return
        }
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
        let progress = ProgressReporter.standardError(label: "import")
        do {
            let summary = try Importer(storage: storage).importFile(atPath: file) { written, total in
                progress.update(done: written, total: total)
            }
            progress.finish()
            print(summary.description)
        } catch {
            progress.abandon()
            throw error
        }
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the live database (safe while the server runs).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Where to write the copy.")
    var destination: String

    func run() throws {
        guard case .sqlite = database.engine else {
            throw unsupportedOnEngine("""
                backup copies an SQLite file; for PostgreSQL use its own tools: \
                pg_dump --format=custom --file=\(destination) "$GOODNEWS_DB"
                """)
        }
        let connection = try SQLite.Connection(path: database.path, mode: .readOnly)
        defer { connection.close() }
        try connection.backup(to: destination)
        print("backed up \(database.path) to \(destination)")
    }
}
