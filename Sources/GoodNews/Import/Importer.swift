import Foundation
import JSON

/// Loads `{"posts": [...], "cases": [...], "actions": [...]}` (the API's shapes without ids; `actions` is
/// optional, each `{"case": slug, "kind", "count", "country", "source", "created_at"}`) in ONE transaction
/// (`Storage.batch`): all of it or, on the first bad item, nothing.
///
/// Every item is read and validated first, by the same rules as the API (`CaseService.input(from:)`,
/// `PostService.input(from:)`); then cases go in, then posts (whose `cases` name slugs from the file or
/// already in the database), then actions (their tallies follow by trigger), through the API's stores.
/// `created_at`/`updated_at` are kept when given (an import is also a restore); otherwise a post dates
/// from its publication time if that is past, and everything else from the import. `id` and `tally` are
/// ignored. Errors name the item: `posts[3] (slug "x"): title is required`. Used by `goodnews import` and
/// `serve --demo` before the server answers (a server running meanwhile notices the commit: `Storage.onCommit`).
public struct Importer: Sendable {
    /// Told (items written, items in the file) as an import goes: posts, cases and actions alike.
    public typealias Progress = (_ written: Int, _ total: Int) -> Void
    /// Items between two progress calls: often enough for a line a tenth of a second, rare enough to cost
    /// nothing next to the writes.
    public static let progressStep = 100

    public let storage: any Storage
    let clock: WallClock

    public init(storage: any Storage, clock: WallClock = .system) {
        self.storage = storage
        self.clock = clock
    }

    /// True when the database has no posts and no cases.
    public func isEmpty() throws -> Bool {
        try storage.read { try $0.posts.isEmpty() }
    }

    /// Imports the JSON file at `path`; `progress` as for `importJSON`.
    public func importFile(atPath path: String, progress: Progress? = nil) throws -> ImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(item: "", message: "cannot read \(path)")
        }
        return try importJSON([UInt8](data), progress: progress)
    }

    /// Imports a JSON document. `progress(written, total)` is called on this thread, inside the transaction,
    /// as items are written (0 first, then every `Importer.progressStep` items and after the last): the file is read and
    /// checked in full before the first call, and the commit follows the last.
    public func importJSON(_ bytes: [UInt8], progress: Progress? = nil) throws -> ImportSummary {
        let document = try ImportDocument(bytes)
        let now = clock.now()
        return try storage.batch { try document.write(to: $0, now: now, progress: progress) }
    }
}
