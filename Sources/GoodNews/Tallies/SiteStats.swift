/// `GET /v1/stats`: totals across the site.
public struct SiteStats: Sendable, Equatable {
    /// Posts the public can see: published, and not scheduled for later.
    public var postsPublished: Int64 = 0
    public var casesActive: Int64 = 0
    public var casesResolved: Int64 = 0
    public var casesClosed: Int64 = 0
    public var actionsTotal: Int64 = 0
    /// When the next scheduled post goes public (the answer is stale from then on), if any.
    public var nextPublication: Int64?

    public init() {}
}
