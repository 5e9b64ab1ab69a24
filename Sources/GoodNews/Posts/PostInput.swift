/// Whether a post is public (from its `published_at` on) or a draft.
public enum PostStatus: String, Sendable, CaseIterable {
    case draft, published
}

/// A post's picture: an http(s) URL and an optional caption.
public struct PostImage: Sendable, Equatable {
    public var url: String
    public var caption: String?

    public init(url: String, caption: String? = nil) {
        self.url = url
        self.caption = caption
    }
}

/// A new post as validated by `PostService.input(from:)` or `PostService.validate(_:)`; what
/// `PostStore.insert` writes.
public struct PostInput: Sendable, Equatable {
    /// nil: derived from the title and made unique.
    public var slug: String?
    public var title: String
    public var summary = ""
    public var body = ""
    /// `body` as HTML: set by validation (`PostService.check`), stored beside it.
    public var bodyHTML = ""
    public var status = PostStatus.draft
    /// nil: a draft without a date, or a published post dated when it is inserted.
    public var publishedAt: Timestamp?
    public var tags: [String] = []
    /// Slugs of related cases, in order; each must exist when the post is written.
    public var cases: [String] = []
    public var image: PostImage?

    public init(title: String) {
        self.title = title
    }
}

/// A partial change (PATCH). For each field nil keeps the stored value; for the nullable ones
/// (`publishedAt`, `image`) `.some(nil)` clears it. `summary`/`body`/`tags`/`cases` given as JSON null
/// arrive here as empty.
public struct PostPatch: Sendable, Equatable {
    public var slug: String?
    public var title: String?
    public var summary: String?
    public var body: String?
    /// Set with `body`, by `PostService.patch(from:)`.
    public var bodyHTML: String?
    public var status: PostStatus?
    public var publishedAt: Timestamp??
    public var tags: [String]?
    public var cases: [String]?
    public var image: PostImage??

    public init() {}
}
