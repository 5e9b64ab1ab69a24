/// A case's running totals, as kept by the tally tables.
public struct CaseTally: Sendable, Equatable {
    public var total: Int64 = 0
    /// By kind, in the tables' key order (alphabetical).
    public var byKind: [(kind: String, total: Int64)] = []
    /// By country code; actions without a country are only in `total`.
    public var byCountry: [(country: String, total: Int64)] = []
    /// When the latest action was recorded; nil while the case has none.
    public var updatedAt: Int64?

    public init() {}

    public static func == (a: CaseTally, b: CaseTally) -> Bool {
        a.total == b.total && a.updatedAt == b.updatedAt
            && a.byKind.elementsEqual(b.byKind, by: ==) && a.byCountry.elementsEqual(b.byCountry, by: ==)
    }
}
