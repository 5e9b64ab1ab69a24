/// An action as recorded, with its case's tallies after it: the 201 of `POST /v1/cases/{ref}/actions`.
public struct RecordedAction: Sendable, Equatable {
    public var id: Int64
    public var caseSlug: String
    public var input: ActionInput
    public var createdAt: Int64
    public var tally: CaseTally

    public init(id: Int64, caseSlug: String, input: ActionInput, createdAt: Int64, tally: CaseTally) {
        self.id = id; self.caseSlug = caseSlug; self.input = input; self.createdAt = createdAt; self.tally = tally
    }
}
