/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Hashable, CustomStringConvertible {
    public enum State: Sendable, Hashable {
        case pending
        /// Applied at an RFC 3339 UTC time, with the same checksum as the file.
        case applied(at: String)
        /// Applied, but the file changed since.
        case modified(appliedAt: String)
        /// Applied, but no file provides it.
        case missingFile(appliedAt: String)
    }

    public let version: Int
    public let name: String
    public let state: State

    /// True in every applied state, including `modified` and `missingFile`.
    public var isApplied: Bool {
        if case .pending = state { return false }
        return true
    }

    /// When it was applied, if it was.
    public var appliedAt: String? {
        switch state {
        case .pending: nil
        case .applied(let at), .modified(let at), .missingFile(let at): at
        }
    }

    /// One line for `goodnews migrate --status`: "0001_init  applied 2025-01-02T03:04:05.678Z".
    public var description: String {
        let file = Migration.fileName(version: version, name: name)
        switch state {
        case .pending: return "\(file)  pending"
        case .applied(let at): return "\(file)  applied \(at)"
        case .modified(let at): return "\(file)  applied \(at), EDITED SINCE (checksum differs)"
        case .missingFile(let at): return "\(file)  applied \(at), NO SUCH FILE"
        }
    }
}
