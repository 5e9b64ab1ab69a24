/// A post or case as written: what a follow-up read needs.
public struct StoredContent: Sendable, Equatable {
    public let id: Int64
    public let slug: String

    public init(id: Int64, slug: String) {
        self.id = id
        self.slug = slug
    }
}
