/// `GET /v1/tallies`: groups and their sum.
public struct TallyGroups: Sendable, Equatable {
    public var total: Int64
    public var groups: [TallyGroup]

    public init(total: Int64, groups: [TallyGroup]) {
        self.total = total
        self.groups = groups
    }
}

/// One group; `key` nil is "none" (no country given, case without a campaign).
public struct TallyGroup: Sendable, Equatable {
    public var key: String?
    public var total: Int64

    public init(key: String?, total: Int64) {
        self.key = key
        self.total = total
    }
}
