/// The case an action is for, as much of it as the action and tally routes need.
public struct ActionTarget: Sendable, Equatable {
    public enum Status: String, Sendable {
        case active, resolved, closed
    }

    /// A path segment naming a case: all digits is an id, anything else a slug.
    public enum Reference: Sendable, Hashable {
        case id(Int64)
        case slug(String)

        /// nil when the segment can name no case (neither an id nor a well-formed slug).
        public init?(_ segment: String) {
            if !segment.isEmpty, segment.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
                guard let id = Int64(segment) else { return nil }
                self = .id(id)
            } else if Slug.isValid(segment) {
                self = .slug(segment)
            } else {
                return nil
            }
        }

        public var text: String {
            switch self {
            case .id(let id): String(id)
            case .slug(let slug): slug
            }
        }
    }

    public let id: Int64
    public let slug: String
    /// nil for a status this code does not know (a newer schema): treated as not active.
    public let status: Status?
    public let campaign: String?
    public let actionGoal: Int64?

    public var isActive: Bool { status == .active }

    public init(id: Int64, slug: String, status: Status?, campaign: String?, actionGoal: Int64?) {
        self.id = id; self.slug = slug; self.status = status; self.campaign = campaign; self.actionGoal = actionGoal
    }
}
