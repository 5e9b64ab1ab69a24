import SQLite

/// Posts: the rules (`PostService+Validation`) and the operations the routes run, each a read on a
/// reader connection or one write through the writer (group-committed, in its own savepoint).
public struct PostService: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates a post; returns where it lives and its JSON.
    public func create(_ input: PostInput, now: Timestamp = .now()) throws -> (StoredContent, [UInt8]) {
        try database.write { connection in
            let stored = try PostStore.insert(input, on: connection, now: now)
            return (stored, try PostService.render(.id(stored.id), on: connection))
        }
    }

    /// Applies a PATCH; returns the post's JSON as it now is.
    public func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp = .now()) throws -> [UInt8] {
        try database.write { connection in
            let stored = try PostStore.update(ref, with: patch, on: connection, now: now)
            return try PostService.render(.id(stored.id), on: connection)
        }
    }

    public func delete(_ ref: ContentRef) throws {
        try database.write { try PostStore.delete(ref, on: $0) }
    }

    /// One post as JSON; the public see only published posts dated at or before `now` (else 404).
    public func item(_ ref: ContentRef, isAdmin: Bool, now: Int64) throws -> [UInt8] {
        let body = try database.read { try PostStore.item(ref, publicAt: isAdmin ? nil : now, on: $0) }
        guard let body else { throw ServiceError.notFound("no post \"\(ref)\"") }
        return body
    }

    /// A page of a list, and (public feed) when it next changes on its own: the next scheduled publication.
    public func page(_ query: PostListQuery, scope: PostListQuery.Scope,
                     now: Int64) throws -> (page: ListPage, expiresAt: Int64) {
        try database.read { connection in
            let page = try PostStore.page(query, scope: scope, now: now, on: connection)
            guard scope == .publicFeed else { return (page, .max) }
            return (page, try PostStore.nextPublication(after: now, on: connection) ?? .max)
        }
    }

    private static func render(_ ref: ContentRef, on connection: Connection) throws -> [UInt8] {
        guard let body = try PostStore.item(ref, publicAt: nil, on: connection) else {
            throw ServiceError.notFound("no post \"\(ref)\"")
        }
        return body
    }
}
