/// A JSON object: members kept in the order they were written or parsed.
///
/// Lookup is linear, which beats hashing for the small objects of request bodies.
/// Keys compare as Swift strings do (canonical equivalence), so the parser also treats
/// `"é"` and `"e\u0301"` as the same key.
public struct JSONObject: Sendable, Equatable {
    /// The members in order; keys are unique when built by the parser or the subscript setter.
    public var members: [(key: String, value: JSONValue)]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with these members, in this order; duplicates are not checked.
    public init(_ members: [(key: String, value: JSONValue)]) {
        self.members = members
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Whether a member is named `key`.
    public func contains(_ key: String) -> Bool {
        index(of: key) != nil
    }

    /// The position of the member named `key` in `members`.
    public func index(of key: String) -> Int? {
        members.firstIndex { $0.key == key }
    }

    /// The value of the member named `key`; setting replaces it in place, appends it, or (nil) removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            switch (index(of: key), newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Appends a member without looking for an existing one with the same key.
    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key, value))
    }

    /// Equal when both have the same keys with equal values, whatever their order, as JSON objects are.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        let sameOrder = zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key }
        if sameOrder {
            return zip(lhs.members, rhs.members).allSatisfy { $0.value == $1.value }
        }
        return lhs.members.allSatisfy { rhs[$0.key] == $0.value }
            && rhs.members.allSatisfy { lhs[$0.key] == $0.value }
    }
}
