import HTTP
import SQLite

/// Opening the database the way every command does: WAL, durable writer, pending migrations applied.
public enum Startup {
    public static func openAndMigrate(path: String, assets: Assets, readers: Int = 8, logger: Logger) throws -> Database {
        let migrations = try Migration.load(directory: assets.migrations)
        let database = try Database(path: path, readers: readers, synchronous: .full)
        do {
            let applied = try database.exclusive { connection in
                try Migrator(connection: connection).apply(migrations)
            }
            for migration in applied { logger.info("applied migration \(migration.fileName)") }
            logger.info("database \(path): \(database.configurationSummary)")
        } catch {
            database.close()
            throw error
        }
        return database
    }

    /// `serve --demo`: the demo content goes in through the same path as `goodnews import`, and only into an
    /// empty database, so restarting with `--demo` never duplicates or overwrites anything.
    public static func loadDemoIfEmpty(database: Database, assets: Assets, logger: Logger) throws {
        let importer = Importer(database: database)
        guard try importer.isEmpty() else {
            logger.info("demo: database already has content; nothing loaded")
            return
        }
        let summary = try importer.importFile(atPath: assets.demoContent)
        logger.info("demo: \(summary.description)")
    }
}
