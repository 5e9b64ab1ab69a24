import Migrations
/// Applies migrations to a database and records them in `schema_migrations`.
///
/// Each migration runs in its own BEGIN IMMEDIATE transaction together with its
/// `schema_migrations` row, so a failing one leaves the database as it was ("Most SQL
/// statements, including CREATE TABLE and ALTER TABLE, are transactional in SQLite").
/// Because "foreign key constraint enforcement ... cannot be changed inside a transaction",
/// a migration cannot switch `foreign_keys`; instead `PRAGMA foreign_key_check` runs before
/// each commit and a violation fails the migration.
public struct Migrator {
    public let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Applies the pending migrations in order and returns them. Before anything runs it
    /// refuses edited applied files, applied versions with no file, and pending files older
    /// than an applied one.
    @discardableResult
    public func apply(_ migrations: [Migration]) throws -> [Migration] {
        let migrations = try Migration.validated(migrations)
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let applied = try appliedRecords()
        try AppliedMigration.verify(applied, against: migrations)
        var appliedNow: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            if try apply(migration) { appliedNow.append(migration) }
        }
        return appliedNow
    }

    /// Every migration given and every one recorded, in version order, with its state.
    /// Reads only: works on a query-only connection and on a database never migrated.
    public func status(_ migrations: [Migration]) throws -> [MigrationStatus] {
        AppliedMigration.statuses(migrations, applied: try appliedRecords())
    }

    /// True when every migration is applied unchanged and nothing unknown is (for /readyz).
    public func isCurrent(_ migrations: [Migration]) throws -> Bool {
        AppliedMigration.isCurrent(migrations, applied: try appliedRecords())
    }
}

extension Migrator {
    func appliedRecords() throws -> [Int: AppliedMigration] {
        let exists = try connection.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).scalarInt64() ?? 0
        guard exists > 0 else { return [:] }
        let rows = try connection.prepare(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
        ).rows { AppliedMigration(version: $0.int(0), name: $0.string(1), checksum: $0.string(2), appliedAt: $0.string(3)) }
        return Dictionary(rows.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Applies one migration; false when another process applied it meanwhile.
    private func apply(_ migration: Migration) throws -> Bool {
        do {
            return try connection.transaction(.immediate) {
                let recorded = try connection.cachedStatement("SELECT checksum FROM schema_migrations WHERE version = ?")
                try recorded.bind(migration.version, at: 1)
                if let checksum = try recorded.scalarString() {
                    guard checksum == migration.checksum else {
                        throw MigrationError.checksumMismatch(
                            file: migration.fileName, applied: checksum, current: migration.checksum)
                    }
                    return false
                }
                try connection.execute(migration.sql)
                guard connection.isInTransaction else {
                    throw MigrationError.failed(
                        file: migration.fileName, code: Migrator.code(.misuse),
                        message: "the file ends its own transaction (BEGIN/COMMIT are not allowed in migrations)")
                }
                try checkForeignKeys(migration)
                try connection.execute(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """,
                    [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
                return true
            }
        } catch let error as SQLiteError {
            throw MigrationError.failed(file: migration.fileName, code: Migrator.code(error.code), message: error.message)
        }
    }

    private func checkForeignKeys(_ migration: Migration) throws {
        let violations = try connection.prepare("PRAGMA foreign_key_check").rows { $0.string(0) }
        if let table = violations.first {
            throw MigrationError.failed(
                file: migration.fileName, code: Migrator.code(.constraintForeignKey),
                message: "\(violations.count) foreign key violation(s), first in table \(table)")
        }
    }

    /// How `MigrationError.failed` names an SQLite result code.
    public static func code(_ code: ResultCode) -> String { "SQLite error \(code)" }
}
