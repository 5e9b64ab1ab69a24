/// The parameters the posts and cases lists share (`tag`, `q`, `limit`, `cursor`, `include_total`), read once
/// for both; a value that cannot be understood is a 400 (`ListParameters`).
public struct CommonListParameters: Sendable, Hashable {
    /// Matched exactly after trimming, as stored.
    public var tag: String?
    /// `q` as an FTS5 expression (`ListParameters.searchExpression`).
    public var search: String?
    public var limit = ListParameters.defaultLimit
    public var cursor: ListCursor?
    public var includeTotal = false

    public init() {}

    /// Reads them through `value` (a parameter's first value); `kind` is the list a cursor must belong to.
    init(_ value: (String) -> String?, kind: ListCursor.Kind) throws(ServiceError) {
        tag = try ListParameters.filter("tag", value("tag"), max: FieldRules.maxTagLength, noun: "tag")
        search = try ListParameters.searchExpression(value("q"))
        limit = try ListParameters.limit(value("limit"))
        cursor = try ListParameters.cursor(value("cursor"), kind: kind)
        includeTotal = try ListParameters.flag("include_total", value("include_total"))
    }
}
