/// Posts: the rules (`PostService+Validation`) and the operations the routes run, each a read or one
/// write (one savepoint of the storage's group commit).
public struct PostService: Sendable {
    public let storage: any Storage

    public init(storage: any Storage) {
        self.storage = storage
    }

    /// Creates a post; returns it as stored.
    public func create(_ input: PostInput, now: Timestamp = .now()) throws -> Post {
        try storage.write { tx in
            let stored = try tx.posts.insert(input, now: now, createdAt: nil, updatedAt: nil)
            return try PostService.stored(.id(stored.id), tx)
        }
    }

    /// Applies a PATCH; returns the post as it now is.
    public func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp = .now()) throws -> Post {
        try storage.write { tx in
            let stored = try tx.posts.update(ref, with: patch, now: now)
            return try PostService.stored(.id(stored.id), tx)
        }
    }

    public func delete(_ ref: ContentRef) throws {
        try storage.write { try $0.posts.delete(ref) }
    }

    /// One post; the public see only published posts dated at or before `now` (else 404).
    public func item(_ ref: ContentRef, isAdmin: Bool, now: Int64) throws -> Post {
        let post = try storage.read { try $0.posts.post(ref, publicAt: isAdmin ? nil : now) }
        guard let post else { throw ServiceError.notFound("no post \"\(ref)\"") }
        return post
    }

    /// A page of a list, and (public feed) when it next changes on its own: the next scheduled publication.
    public func page(_ query: PostListQuery, scope: PostListQuery.Scope,
                     now: Int64) throws -> (page: ListPage<Post>, expiresAt: Int64) {
        try storage.read { tx in
            let page = try tx.posts.page(query, scope: scope, now: now)
            guard scope == .publicFeed else { return (page, .max) }
            return (page, try tx.posts.nextPublication(after: now) ?? .max)
        }
    }

    private static func stored(_ ref: ContentRef, _ tx: any StorageTransaction) throws -> Post {
        guard let post = try tx.posts.post(ref, publicAt: nil) else { throw ServiceError.notFound("no post \"\(ref)\"") }
        return post
    }
}
