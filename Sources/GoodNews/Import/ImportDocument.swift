import JSON

/// An import file read and checked in full before anything is written.
struct ImportDocument {
    /// A validated post or case with the times the file gave it.
    struct Item<Input> {
        var input: Input
        var createdAt: Timestamp?
        var updatedAt: Timestamp?
        var slug: String?
    }

    var cases: [Item<CaseInput>] = []
    var posts: [Item<PostInput>] = []
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
        cases = try ImportDocument.items(reader, "cases") { object in
            let (createdAt, updatedAt) = try ImportDocument.times(object)
            let input = try CaseService.input(from: object)
            return Item(input: input, createdAt: createdAt, updatedAt: updatedAt, slug: input.slug)
        }
        posts = try ImportDocument.items(reader, "posts") { object in
            let (createdAt, updatedAt) = try ImportDocument.times(object)
            let input = try PostService.input(from: object)
            return Item(input: input, createdAt: createdAt, updatedAt: updatedAt, slug: input.slug)
        }
        actions = try ImportDocument.items(reader, "actions") { try ImportedAction(JSONFieldReader($0)) }
    }

    /// Every item the file holds: cases, posts and actions.
    var itemCount: Int { cases.count + posts.count + actions.count }

    /// Writes everything in `tx`; throws `ImportError` naming the first item the stores refuse. Tells
    /// `progress` (items written, `itemCount`) first with 0, then every `Importer.progressStep`
    /// items and after the last.
    func write(to tx: any StorageTransaction, now: Timestamp,
               progress: Importer.Progress? = nil) throws -> ImportSummary {
        let posts = tx.posts, cases = tx.cases, actions = tx.actions
        var written = 0
        let total = itemCount
        func wrote() {
            written += 1
            if written % Importer.progressStep == 0 || written == total { progress?(written, total) }
        }
        progress?(0, total)
        for (index, item) in self.cases.enumerated() {
            try ImportDocument.naming("cases", index, item.slug) {
                _ = try cases.insert(item.input, now: now, createdAt: item.createdAt, updatedAt: item.updatedAt)
            }
            wrote()
        }
        for (index, item) in self.posts.enumerated() {
            try ImportDocument.naming("posts", index, item.slug) {
                // Imported history (the demo's 2020 posts) is not new: without a creation time, a post dates
                // from its publication (when that is past), so feeds do not show old news as just updated.
                let published = item.input.publishedAt.map { min($0, now) }
                _ = try posts.insert(item.input, now: now, createdAt: item.createdAt ?? published,
                                     updatedAt: item.updatedAt)
            }
            wrote()
        }
        var caseIDs: [String: Int64] = [:]
        for (index, record) in self.actions.enumerated() {
            try ImportDocument.naming("actions", index, nil) {
                guard let id = try caseIDs[record.caseSlug] ?? cases.id(slug: record.caseSlug) else {
                    throw ServiceError.invalid("case", "no such case: \"\(record.caseSlug)\"")
                }
                caseIDs[record.caseSlug] = id
                try actions.insert(record, caseID: id, now: now)
            }
            wrote()
        }
        return ImportSummary(posts: self.posts.count, cases: self.cases.count, actions: self.actions.count)
    }

    static func time(_ reader: JSONFieldReader, _ key: String) throws(JSONFieldError) -> Timestamp? {
        guard let text = try reader.string(key) else { return nil }
        guard let time = Timestamp(rfc3339: text), FieldRules.timeRange.contains(time.seconds) else {
            throw reader.error(key, "must be an RFC 3339 time such as 2020-09-04T00:00:00Z")
        }
        return time
    }

    private static func times(_ object: JSONObject) throws(JSONFieldError) -> (Timestamp?, Timestamp?) {
        let reader = JSONFieldReader(object)
        return (try time(reader, "created_at"), try time(reader, "updated_at"))
    }

    private static func items<T>(_ reader: JSONFieldReader, _ key: String,
                                 _ make: (JSONObject) throws -> T) throws -> [T] {
        guard let value = reader.object[key], !value.isNull else { return [] }
        guard let elements = value.arrayValue else { throw ImportError(item: "", message: "\(key) must be an array") }
        var records: [T] = []
        records.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw ImportError(item: "\(key)[\(index)]", message: "must be an object")
            }
            try naming(key, index, object["slug"]?.stringValue) { records.append(try make(object)) }
        }
        return records
    }

    /// Runs one item's work, turning its failures into an `ImportError` that names it.
    private static func naming(_ list: String, _ index: Int, _ slug: String?, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            var item = "\(list)[\(index)]"
            if let slug { item += " (slug \"\(slug.count > 130 ? String(slug.prefix(130)) + "…" : slug)\")" }
            throw ImportError(item: item, message: try message(for: error))
        }
    }

    /// What went wrong, in words; errors that are not about the item (storage failures) pass unchanged.
    private static func message(for error: any Error) throws -> String {
        switch error {
        case let error as JSONFieldError:
            return error.description
        case ServiceError.invalid(let issues):
            return issues.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case ServiceError.conflict(let why), ServiceError.notFound(let why), ServiceError.badRequest(let why):
            return why
        case StorageError.refused(let message):
            return "refused by the database: \(message)"
        default:
            throw error
        }
    }
}
