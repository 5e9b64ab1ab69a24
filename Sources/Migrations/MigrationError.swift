/// Why migrations were refused or failed; every case names the file(s) concerned.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The directory or a file could not be read.
    case unreadable(path: String, reason: String)
    /// Two files share a version number.
    case duplicateVersion(Int, files: [String])
    /// A version is missing: versions run 1, 2, 3… with no holes.
    case gap(missing: Int, before: String, after: String?)
    /// An applied migration's file has changed since it was applied.
    case checksumMismatch(file: String, applied: String, current: String)
    /// The database has a migration applied that no file provides.
    case appliedButMissing(version: Int, name: String)
    /// A pending migration is older than one already applied.
    case outOfOrder(file: String, appliedVersion: Int)
    /// The migration's SQL failed; its transaction was rolled back. `code` is the engine's error code as it
    /// names it (SQLite's result code, PostgreSQL's SQLSTATE), prefixed with the engine.
    case failed(file: String, code: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read migrations at \(path): \(reason)"
        case .duplicateVersion(let version, let files):
            "migration version \(version) is used by more than one file: \(files.joined(separator: ", "))"
        case .gap(let missing, let before, let after):
            "migration \(Migration.fileName(version: missing, name: "*")) is missing: \(before) follows "
                + (after ?? "nothing")
        case .checksumMismatch(let file, _, _):
            "migration \(file) was edited after it was applied (checksum differs); add a new migration instead"
        case .appliedButMissing(let version, let name):
            "the database has migration \(Migration.fileName(version: version, name: name)) applied, "
                + "but no such file exists (is this binary older than the database?)"
        case .outOfOrder(let file, let appliedVersion):
            "migration \(file) is pending but the newer version \(appliedVersion) is already applied"
        case .failed(let file, let code, let message):
            "migration \(file) failed and was rolled back: \(code): \(message)"
        }
    }
}
