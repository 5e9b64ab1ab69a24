/// Why `SiteCopy.run` wrote nothing to the target.
public enum SiteCopyError: Error, Sendable, CustomStringConvertible {
    /// The SQLite file lacks migrations (or has unknown ones), so its columns are not the ones copied.
    case sourceNotCurrent(path: String)
    /// These copied tables already have rows: copying would mix two sites.
    case targetNotEmpty(tables: [String])
    /// The copy, counted before COMMIT, differs from its source; it was rolled back.
    case differs(SiteComparison)

    public var description: String {
        switch self {
        case .sourceNotCurrent(let path):
            "\(path) is not migrated to this version's schema: run `goodnews migrate --db \(path)` first"
        case .targetNotEmpty(let tables):
            "the target database is not empty (\(tables.joined(separator: ", ")) have rows): "
                + "copy only into a new database, never over another site"
        case .differs(let comparison):
            "the copy differs from its source, so it was rolled back (nothing was written):\n\(comparison)"
        }
    }
}
