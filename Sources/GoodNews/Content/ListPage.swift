/// One page of a list, newest first, and what the headers need.
public struct ListPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Where the next page starts (nil on the last page): the `next_cursor` and the `Link` header.
    public var nextCursor: String?
    /// The count of every row the filters match, when asked for (`include_total=true`).
    public var total: Int?

    public init(items: [Item], nextCursor: String?, total: Int?) {
        self.items = items
        self.nextCursor = nextCursor
        self.total = total
    }
}
