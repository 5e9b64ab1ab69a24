/// A case as stored, with its running totals: what the API shows of it (`Case+JSON.swift`).
public struct Case: Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var name: String
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    public var summary: String
    /// Markdown.
    public var description: String
    /// `description` rendered when it was written (`RenderedMarkdown`).
    public var descriptionHTML: String
    public var status: CaseStatus
    public var outcome: String?
    public var campaign: String?
    /// In the order given.
    public var tags: [String]
    public var actionGoal: Int64?
    /// The sum of its actions' counts.
    public var tallyTotal: Int64
    /// By kind, alphabetical.
    public var tallyByKind: [KindTotal]
    public var createdAt: Int64
    public var updatedAt: Int64

    public struct KindTotal: Sendable, Equatable {
        public var kind: String
        public var total: Int64
        public init(kind: String, total: Int64) { self.kind = kind; self.total = total }
    }

    public init(id: Int64, slug: String, name: String, country: String, summary: String, description: String,
                descriptionHTML: String = "",
                status: CaseStatus, outcome: String?, campaign: String?, tags: [String], actionGoal: Int64?,
                tallyTotal: Int64, tallyByKind: [KindTotal], createdAt: Int64, updatedAt: Int64) {
        self.id = id; self.slug = slug; self.name = name; self.country = country; self.summary = summary
        self.description = description; self.descriptionHTML = descriptionHTML; self.status = status; self.outcome = outcome; self.campaign = campaign
        self.tags = tags; self.actionGoal = actionGoal; self.tallyTotal = tallyTotal; self.tallyByKind = tallyByKind
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Where a list of cases continues after this one (newest first: by creation, then id).
    public var cursor: ListCursor { ListCursor(kind: .cases, at: createdAt, id: id) }
}
