/// One value to bind to a statement parameter, or read back from a column.
///
/// Only `nil` is a literal of this type, so `statement.bind(nil, at: 1)` binds NULL while
/// `bind(5, at: 1)` or `bind("x", at: 1)` pick the typed, allocation-free overloads.
public enum Value: Sendable, Hashable, ExpressibleByNilLiteral {
    case null
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case blob([UInt8])

    public init(nilLiteral: ()) { self = .null }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
