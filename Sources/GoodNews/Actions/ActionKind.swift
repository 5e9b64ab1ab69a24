/// What a supporter did for a case; the schema's CHECK lists the same words.
public enum ActionKind: String, CaseIterable, Sendable {
    case letter, email, petition, social, call, event, other

    /// `letter | email | …`, for error messages.
    static let choices = allCases.map(\.rawValue).joined(separator: " | ")
}
