import Migrations

/// Applies migrations to a PostgreSQL database and records them in `schema_migrations`, with the same
/// rules as SQLite's migrator: versions 1, 2, 3… with no gaps, an applied file never edited (checksums), no
/// applied version without its file, no pending file older than an applied one.
///
/// Several nodes may start at once: the whole run holds a session advisory lock, so the first applies and
/// the others wait, then find everything applied. Each migration runs in one transaction with its
/// `schema_migrations` row (PostgreSQL's DDL is transactional), so a failing one leaves nothing behind.
public struct Migrator {
    public let connection: Connection

    /// The advisory lock's key: "goodnews" in ASCII, so it is recognisable in `pg_locks`.
    public static let lockKey: Int64 = 0x676F_6F64_6E65_7773

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Applies the pending migrations in order and returns those this call applied.
    @discardableResult
    public func apply(_ migrations: [Migration]) throws -> [Migration] {
        let migrations = try Migration.validated(migrations)
        try connection.execute("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { try? connection.execute("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at text NOT NULL
            )
            """)
        let applied = try appliedRecords()
        try AppliedMigration.verify(applied, against: migrations)
        var appliedNow: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            try apply(migration)
            appliedNow.append(migration)
        }
        return appliedNow
    }

    /// Every migration given and every one recorded, in version order, with its state (reads only).
    public func status(_ migrations: [Migration]) throws -> [MigrationStatus] {
        AppliedMigration.statuses(migrations, applied: try appliedRecords())
    }

    /// True when every migration is applied unchanged and nothing unknown is (for /readyz).
    public func isCurrent(_ migrations: [Migration]) throws -> Bool {
        AppliedMigration.isCurrent(migrations, applied: try appliedRecords())
    }

    private func appliedRecords() throws -> [Int: AppliedMigration] {
        guard try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL").first?.bool(0) == true else {
            return [:]
        }
        let rows = try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
            .map { AppliedMigration(version: $0.int(0), name: $0.string(1), checksum: $0.string(2), appliedAt: $0.string(3)) }
        return Dictionary(rows.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func apply(_ migration: Migration) throws {
        do {
            try connection.transaction {
                try connection.execute(migration.sql)
                guard connection.isInTransaction else {
                    throw MigrationError.failed(
                        file: migration.fileName, code: "PostgreSQL",
                        message: "the file ends its own transaction (BEGIN/COMMIT are not allowed in migrations)")
                }
                try connection.execute("""
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES ($1, $2, $3, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                    """, [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
            }
        } catch let error as PostgreSQLError {
            throw MigrationError.failed(file: migration.fileName, code: "SQLSTATE \(error.state.rawValue)",
                                        message: error.message)
        }
    }
}
