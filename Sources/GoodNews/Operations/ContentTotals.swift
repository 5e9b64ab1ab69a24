/// Site totals for `/metrics`.
public struct ContentTotals: Sendable {
    public var publicPosts = 0
    public var scheduledPosts = 0
    public var draftPosts = 0
    public var casesByStatus: [String: Int] = [:]
    public var actions = 0

    public init() {}
}
