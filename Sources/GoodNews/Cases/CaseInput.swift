/// Where a case stands.
public enum CaseStatus: String, Sendable, CaseIterable {
    case active, resolved, closed
}

/// A new case as validated by `CaseService.input(from:)` or `CaseService.validate(_:)`; what
/// `CaseStore.insert` writes.
public struct CaseInput: Sendable, Equatable {
    /// nil: derived from the name and made unique.
    public var slug: String?
    public var name: String
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    public var summary = ""
    public var description = ""
    /// `description` as HTML: set by validation (`CaseService.check`), stored beside it.
    public var descriptionHTML = ""
    public var status = CaseStatus.active
    public var outcome: String?
    public var campaign: String?
    public var tags: [String] = []
    public var actionGoal: Int64?

    public init(name: String, country: String) {
        self.name = name
        self.country = country
    }
}

/// A partial change (PATCH). nil keeps the stored value; for the nullable fields (`outcome`, `campaign`,
/// `actionGoal`) `.some(nil)` clears it. `summary`/`description`/`tags` given as JSON null arrive as empty.
public struct CasePatch: Sendable, Equatable {
    public var slug: String?
    public var name: String?
    public var country: String?
    public var summary: String?
    public var description: String?
    /// Set with `description`, by `CaseService.patch(from:)`.
    public var descriptionHTML: String?
    public var status: CaseStatus?
    public var outcome: String??
    public var campaign: String??
    public var tags: [String]?
    public var actionGoal: Int64??

    public init() {}
}
