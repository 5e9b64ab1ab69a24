/// One page of a list, rendered: `{"data":[…],"next_cursor":…}` and what the headers need.
public struct ListPage: Sendable {
    public var body: [UInt8]
    /// The `next_cursor` in the body (nil on the last page).
    public var nextCursor: String?
    /// The count of every row the filters match, when asked for (`include_total=true`).
    public var total: Int?
}
