import Foundation
import JSON
import SQLite

/// Loads `{"posts": [...], "cases": [...], "actions": [...]}` (the API's shapes without ids; `actions` is
/// optional, each `{"case": slug, "kind", "count", "country", "source", "created_at"}`) in ONE transaction
/// on the writer connection: all of it or, on the first bad item, nothing.
///
/// Cases go in first, then posts (whose `cases` name slugs from the file or already in the database), then
/// actions (their tallies follow by trigger). `created_at`/`updated_at` are kept when given (an import is
/// also a restore); otherwise a post dates from its publication time if that is past, and everything else
/// from the import. `id` and `tally` are ignored. Errors name the item:
/// `posts[3] (slug "x"): title is required`. Used by `goodnews import` and `serve --demo`, before the
/// server answers; a server running on the same database would keep answers cached from before.
public struct Importer: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// True when the database has no posts and no cases.
    public func isEmpty() throws -> Bool {
        try database.read { try ImportWriter.isEmpty($0) }
    }

    /// Imports the JSON file at `path`.
    public func importFile(atPath path: String) throws -> ImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(item: "", message: "cannot read \(path)")
        }
        return try importJSON([UInt8](data))
    }

    /// Imports a JSON document.
    public func importJSON(_ bytes: [UInt8]) throws -> ImportSummary {
        let document = try ImportDocument(bytes)
        let now = Timestamp.now().seconds
        return try database.exclusive { connection in
            try connection.transaction(.immediate) {
                try document.write(ImportWriter(connection: connection, now: now))
            }
        }
    }
}

/// The parsed and checked file: every record is validated before anything is written.
struct ImportDocument {
    var cases: [ImportedCase] = []
    var posts: [ImportedPost] = []
    var actions: [ImportedAction] = []

    init(_ bytes: [UInt8]) throws {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw ImportError(item: "", message: "the file is not valid JSON: \(error.description)")
        }
        guard let object = root.objectValue else {
            throw ImportError(item: "", message: "the document must be an object {\"posts\": [...], \"cases\": [...]}")
        }
        let reader = JSONFieldReader(object)
        if let unknown = reader.unknownKeys(allowed: ["posts", "cases", "actions"]).first {
            throw ImportError(item: "", message: "\(unknown) is not a known field (posts, cases, actions)")
        }
        cases = try ImportDocument.items(reader, "cases", ImportedCase.init)
        posts = try ImportDocument.items(reader, "posts", ImportedPost.init)
        actions = try ImportDocument.items(reader, "actions", ImportedAction.init)
    }

    private static func items<T>(_ reader: JSONFieldReader, _ key: String,
                                 _ make: (JSONFieldReader) throws(JSONFieldError) -> T) throws -> [T] {
        guard let value = reader.object[key], !value.isNull else { return [] }
        guard let elements = value.arrayValue else { throw ImportError(item: "", message: "\(key) must be an array") }
        var records: [T] = []
        records.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw ImportError(item: "\(key)[\(index)]", message: "must be an object")
            }
            do {
                records.append(try make(JSONFieldReader(object)))
            } catch {
                throw ImportError(item: itemName(key, index, slug: object["slug"]?.stringValue), message: error.description)
            }
        }
        return records
    }

    static func itemName(_ list: String, _ index: Int, slug: String?) -> String {
        guard let slug else { return "\(list)[\(index)]" }
        return "\(list)[\(index)] (slug \"\(slug.count > 130 ? String(slug.prefix(130)) + "…" : slug)\")"
    }

    /// Writes everything; throws `ImportError` naming the first item the database refuses.
    func write(_ writer: ImportWriter) throws -> ImportSummary {
        var caseIDs: [String: Int64] = [:]
        func caseID(_ slug: String) throws -> Int64? {
            if let id = caseIDs[slug] { return id }
            let id = try writer.caseID(slug: slug)
            caseIDs[slug] = id
            return id
        }
        for (index, record) in cases.enumerated() {
            try guarded("cases", index, record.slug) {
                let (id, slug) = try writer.insert(record)
                caseIDs[slug] = id
            }
        }
        for (index, record) in posts.enumerated() {
            try guarded("posts", index, record.slug) {
                var ids: [Int64] = []
                for (position, slug) in record.cases.enumerated() {
                    guard let id = try caseID(slug) else {
                        throw ImportError(item: "", message: "cases[\(position)] names no case: \"\(slug)\"")
                    }
                    if !ids.contains(id) { ids.append(id) }
                }
                _ = try writer.insert(record, caseIDs: ids)
            }
        }
        for (index, record) in actions.enumerated() {
            try guarded("actions", index, nil) {
                guard let id = try caseID(record.caseSlug) else {
                    throw ImportError(item: "", message: "case names no case: \"\(record.caseSlug)\"")
                }
                try writer.insert(record, caseID: id)
            }
        }
        return ImportSummary(posts: posts.count, cases: cases.count, actions: actions.count)
    }

    /// Runs one item's writes, turning its failures into an `ImportError` that names it.
    private func guarded(_ list: String, _ index: Int, _ slug: String?, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ImportError {
            throw ImportError(item: ImportDocument.itemName(list, index, slug: slug), message: error.message)
        } catch let error as ImportWriter.SlugTaken {
            throw ImportError(item: ImportDocument.itemName(list, index, slug: slug),
                              message: "slug \"\(error.slug)\" is already taken")
        } catch let error as SQLiteError where error.code.primary == .constraint {
            throw ImportError(item: ImportDocument.itemName(list, index, slug: slug),
                              message: "refused by the database: \(error.message)")
        }
    }
}
