/// The store protocols `StorageTransaction` hands out, one per kind of record. Each runs on its unit of
/// work's connection; writes throw domain errors (`ServiceError`) before anything is written, and
/// record what they changed for the commit hook (`Storage.onCommit`).

/// Posts (schema: migrations/README.md, "Feed").
public protocol PostStore {
    /// Writes a post validated by `PostService`: slug derived from the title and made unique when absent,
    /// a published post without a date dated `now`, `created_at`/`updated_at` `now` unless given (an
    /// import restoring a backup). 422 for an unknown case, 409 for a slug taken.
    func insert(_ input: PostInput, now: Timestamp, createdAt: Timestamp?, updatedAt: Timestamp?) throws -> StoredContent
    /// Applies a validated PATCH (only the given fields are written); 404, 409, 422 as `insert`.
    func update(_ ref: ContentRef, with patch: PostPatch, now: Timestamp) throws -> StoredContent
    /// 404 when there is none.
    func delete(_ ref: ContentRef) throws
    /// One post; with `publicAt`, only if it is published and dated at or before that time.
    func post(_ ref: ContentRef, publicAt now: Int64?) throws -> Post?
    /// A page of a list, newest first, with its next cursor and (if asked) the total.
    func page(_ query: PostListQuery, scope: PostListQuery.Scope, now: Int64) throws -> ListPage<Post>
    /// The earliest publication after `now`: when the public lists next change without a write.
    func nextPublication(after now: Int64) throws -> Int64?
    /// The `limit` newest public posts, newest first, as the Atom feed shows them.
    func feed(now: Int64, limit: Int) throws -> [FeedEntry]
    /// True when there are no posts and no cases.
    func isEmpty() throws -> Bool
    /// Up to `limit` posts whose body has no stored HTML yet (written before rendering existed).
    func unrenderedBodies(limit: Int) throws -> [(id: Int64, body: String)]
    /// Stores a body's HTML without touching `updated_at`.
    func setBodyHTML(_ html: String, of id: Int64) throws
}

/// Cases (migrations/README.md, "Cases").
public protocol CaseStore {
    func insert(_ input: CaseInput, now: Timestamp, createdAt: Timestamp?, updatedAt: Timestamp?) throws -> StoredContent
    func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp) throws -> StoredContent
    /// 404 when there is none, 409 when it has recorded actions.
    func delete(_ ref: ContentRef) throws
    func `case`(_ ref: ContentRef) throws -> Case?
    func page(_ query: CaseListQuery) throws -> ListPage<Case>
    /// The id of the case with `slug`, if any.
    func id(slug: String) throws -> Int64?
    /// Up to `limit` cases whose description has no stored HTML yet.
    func unrenderedDescriptions(limit: Int) throws -> [(id: Int64, description: String)]
    /// Stores a description's HTML without touching `updated_at`.
    func setDescriptionHTML(_ html: String, of id: Int64) throws
}

/// Actions, their idempotency keys, and what the live stream reads.
public protocol ActionStore {
    func target(_ reference: ContentRef) throws -> ActionTarget?
    /// Inserts one action (its tallies follow) and returns its id.
    func insert(_ input: ActionInput, caseID: Int64, at createdAt: Int64) throws -> Int64
    /// An action from an import file, as given (its kind checked by the file's reader).
    func insert(_ record: ImportedAction, caseID: Int64, now: Timestamp) throws
    /// The case's running totals.
    func tally(caseID: Int64) throws -> CaseTally
    /// The answer remembered under `key` since `since`.
    func remembered(_ key: String, since: Int64) throws -> RememberedAnswer?
    /// Remembers an answer; an expired row for the same key is overwritten.
    func remember(_ key: String, _ answer: RememberedAnswer, now: Int64) throws
    /// Deletes up to `limit` keys remembered at or before `before`; returns how many.
    func forget(before: Int64, limit: Int) throws -> Int
    /// The newest action id (0 while there is none).
    func newestID() throws -> Int64
    /// The cases with actions after `afterID` up to `newest`, by id (a range of the newest actions).
    func changedCases(after afterID: Int64, newest: Int64) throws -> [Int64]
    /// Every case with a tally above zero, by id.
    func casesWithTallies() throws -> [Int64]
    /// A case's slug and tally as the live stream sends them; nil for no such case.
    func event(caseID: Int64) throws -> TallyEvent?
}

/// Tally groupings and site totals.
public protocol TallyStore {
    /// `GET /v1/tallies` without `group_by=day`.
    func groups(_ query: TallyQuery, caseID: Int64?) throws -> [TallyGroup]
    /// `group_by=day` from the UTC day `firstDay`, over `query.from..<query.to` (both set).
    func days(_ query: TallyQuery, caseID: Int64?, firstDay: Int64) throws -> [TallyGroup]
    /// When the first action was recorded, if any.
    func firstActionTime() throws -> Int64?
    func siteStats(now: Int64) throws -> SiteStats
    func contentTotals(now: Int64) throws -> ContentTotals
}

/// Full-text search (migrations/README.md, "Search").
public protocol SearchStore {
    /// Public posts holding every word of `query`, best first (`query.words` is not empty).
    func posts(matching query: SearchQuery, now: Int64, limit: Int) throws -> [SearchHit]
    func cases(matching query: SearchQuery, limit: Int) throws -> [SearchHit]
}

/// Admin API tokens, by SHA-256 only.
public protocol TokenStore {
    /// 409 when a live token has that name.
    func insert(name: String, hash: String, now: Int64) throws
    func list() throws -> [TokenService.Info]
    /// Revokes the live token called `name`; false when there is none.
    func revoke(name: String, now: Int64) throws -> Bool
    func live() throws -> [LiveToken]
    func touch(id: Int64, now: Int64) throws
}

public struct LiveToken: Sendable {
    public var id: Int64
    public var name: String
    public var hash: String
    public var lastUsedAt: Int64
    public init(id: Int64, name: String, hash: String, lastUsedAt: Int64) {
        self.id = id; self.name = name; self.hash = hash; self.lastUsedAt = lastUsedAt
    }
}

/// An answer remembered under an `Idempotency-Key`.
public struct RememberedAnswer: Sendable, Equatable {
    public let fingerprint: String
    public let status: Int
    public let body: [UInt8]
    public init(fingerprint: String, status: Int, body: [UInt8]) {
        self.fingerprint = fingerprint; self.status = status; self.body = body
    }
}
