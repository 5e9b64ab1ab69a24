/// A row of an engine's `schema_migrations` table, and the rules both engines' migrators apply to those rows.
public struct AppliedMigration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let checksum: String
    /// RFC 3339 UTC.
    public let appliedAt: String

    public init(version: Int, name: String, checksum: String, appliedAt: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.appliedAt = appliedAt
    }

    /// Refuses, before anything runs: an applied file edited since (checksums), an applied version no file
    /// provides, a pending file older than an applied one.
    public static func verify(_ applied: [Int: AppliedMigration], against migrations: [Migration]) throws {
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for record in applied.values.sorted(by: { $0.version < $1.version }) {
            guard let migration = byVersion[record.version] else {
                throw MigrationError.appliedButMissing(version: record.version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError.checksumMismatch(
                    file: migration.fileName, applied: record.checksum, current: migration.checksum)
            }
        }
        if let newestApplied = applied.keys.max(),
           let stale = migrations.first(where: { applied[$0.version] == nil && $0.version < newestApplied }) {
            throw MigrationError.outOfOrder(file: stale.fileName, appliedVersion: newestApplied)
        }
    }

    /// Every migration given and every one recorded, in version order, with its state.
    public static func statuses(_ migrations: [Migration], applied: [Int: AppliedMigration]) -> [MigrationStatus] {
        var statuses: [MigrationStatus] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let state: MigrationStatus.State
            if let record = applied[migration.version] {
                state = record.checksum == migration.checksum
                    ? .applied(at: record.appliedAt) : .modified(appliedAt: record.appliedAt)
            } else {
                state = .pending
            }
            statuses.append(MigrationStatus(version: migration.version, name: migration.name, state: state))
        }
        let known = Set(migrations.map(\.version))
        for record in applied.values where !known.contains(record.version) {
            statuses.append(MigrationStatus(
                version: record.version, name: record.name, state: .missingFile(appliedAt: record.appliedAt)))
        }
        return statuses.sorted { $0.version < $1.version }
    }

    /// True when every migration is applied unchanged and nothing unknown is (for /readyz).
    public static func isCurrent(_ migrations: [Migration], applied: [Int: AppliedMigration]) -> Bool {
        statuses(migrations, applied: applied).allSatisfy {
            if case .applied = $0.state { return true }
            return false
        }
    }
}
