/// The case an action is for, as much of it as the action and tally routes need.
public struct ActionTarget: Sendable, Equatable {
    public enum Status: String, Sendable {
        case active, resolved, closed
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
