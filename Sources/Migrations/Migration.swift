import Crypto

/// One schema migration: a `NNNN_name.sql` file (four or more digits, an underscore, a name).
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    /// The SQL script, run in one transaction. It must not BEGIN, COMMIT or ROLLBACK itself.
    public let sql: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public let checksum: String
    /// The file it came from ("0001_init.sql"), used in every error about it.
    public let fileName: String

    /// A migration from SQL text; the checksum is that of its UTF-8 bytes.
    public init(version: Int, name: String, sql: String, fileName: String? = nil) {
        self.init(version: version, name: name, bytes: Array(sql.utf8), fileName: fileName)
    }

    init(version: Int, name: String, bytes: [UInt8], fileName: String? = nil) {
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
        self.checksum = Migration.sha256Hex(bytes)
        self.fileName = fileName ?? Migration.fileName(version: version, name: name)
    }

    /// Reads every `NNNN_name.sql` file of `directory`, in version order; other files are
    /// ignored. Duplicate versions and gaps (versions must run 1, 2, 3…) are refused.
    public static func load(directory: String) throws -> [Migration] {
        var migrations: [Migration] = []
        for fileName in try directoryEntries(directory) {
            guard let (version, name) = parse(fileName: fileName) else { continue }
            let bytes = try readFile(directory + "/" + fileName)
            migrations.append(Migration(version: version, name: name, bytes: bytes, fileName: fileName))
        }
        return try validated(migrations)
    }

    /// `migrations` sorted by version, or an error naming the files at a duplicate or a gap.
    public static func validated(_ migrations: [Migration]) throws -> [Migration] {
        let sorted = migrations.sorted { ($0.version, $0.fileName) < ($1.version, $1.fileName) }
        var expected = 1
        var previous: Migration?
        for (index, migration) in sorted.enumerated() {
            if let previous, previous.version == migration.version {
                let files = sorted[(index - 1)...].prefix { $0.version == migration.version }.map(\.fileName)
                throw MigrationError.duplicateVersion(migration.version, files: files)
            }
            guard migration.version == expected else {
                throw MigrationError.gap(missing: expected, before: migration.fileName, after: previous?.fileName)
            }
            expected += 1
            previous = migration
        }
        return sorted
    }

    /// Splits "0007_add_tags.sql" into (7, "add_tags"); nil when the name does not match.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        let rest = stem.dropFirst(digits.count)
        guard digits.count >= 4, rest.first == "_", rest.count > 1, let version = Int(digits) else {
            return nil
        }
        return (version, String(rest.dropFirst()))
    }

    static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
