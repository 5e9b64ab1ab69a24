import JSON

/// A case as read from an import file, checked against the limits of API.md and migrations/README.md.
struct ImportedCase {
    var slug: String?
    var name: String
    var country: String
    var summary: String
    var description: String
    var status: String
    var outcome: String?
    var campaign: String?
    var tags: [String]
    var actionGoal: Int64?
    var createdAt: Int64?
    var updatedAt: Int64?
}

/// A post as read from an import file.
struct ImportedPost {
    var slug: String?
    var title: String
    var summary: String
    var body: String
    var status: String
    var publishedAt: Int64?
    var tags: [String]
    var cases: [String]
    var imageURL: String?
    var imageCaption: String?
    var createdAt: Int64?
    var updatedAt: Int64?
}

/// An action (a bulk supporter count) as read from an import file.
struct ImportedAction {
    var caseSlug: String
    var kind: String
    var count: Int64
    var country: String?
    var source: String?
    var createdAt: Int64?
}

extension ImportedCase {
    static let fields: Set<String> = ["slug", "name", "country", "summary", "description", "status", "outcome",
                                      "campaign", "tags", "action_goal", "created_at", "updated_at"]

    init(_ reader: JSONFieldReader) throws(JSONFieldError) {
        try ImportRules.rejectUnknown(reader, allowed: ImportedCase.fields, ignored: ["id", "tally"])
        slug = try ImportRules.slug(reader)
        name = try ImportRules.text(reader, "name", required: true, max: 300)
        country = try ImportRules.country(reader, "country", required: true) ?? ""
        summary = try ImportRules.text(reader, "summary", max: 1000)
        description = try ImportRules.text(reader, "description", max: 200_000)
        status = try ImportRules.oneOf(reader, "status", ["active", "resolved", "closed"]) ?? "active"
        outcome = try ImportRules.optionalText(reader, "outcome", max: 1000)
        campaign = try ImportRules.optionalText(reader, "campaign", max: 200)
        tags = try ImportRules.tags(reader)
        actionGoal = try reader.int64("action_goal")
        if let goal = actionGoal, goal < 1 { throw reader.error("action_goal", "must be a positive integer or null") }
        createdAt = try ImportRules.time(reader, "created_at")
        updatedAt = try ImportRules.time(reader, "updated_at")
    }
}

extension ImportedPost {
    static let fields: Set<String> = ["slug", "title", "summary", "body", "status", "published_at", "tags", "cases",
                                      "image", "created_at", "updated_at"]

    init(_ reader: JSONFieldReader) throws(JSONFieldError) {
        try ImportRules.rejectUnknown(reader, allowed: ImportedPost.fields, ignored: ["id"])
        slug = try ImportRules.slug(reader)
        title = try ImportRules.text(reader, "title", required: true, max: 300)
        summary = try ImportRules.text(reader, "summary", max: 1000)
        body = try ImportRules.text(reader, "body", max: 200_000)
        status = try ImportRules.oneOf(reader, "status", ["draft", "published"]) ?? "draft"
        publishedAt = try ImportRules.time(reader, "published_at")
        tags = try ImportRules.tags(reader)
        cases = try reader.stringArray("cases") ?? []
        for (index, slug) in cases.enumerated() where !Slug.isValid(slug) {
            throw JSONFieldError(field: "cases[\(index)]", message: "is not a case slug")
        }
        if let image = try reader.object("image") {
            try ImportRules.rejectUnknown(image, allowed: ["url", "caption"])
            let url = try ImportRules.text(image, "url", required: true, max: 2048)
            guard (url.hasPrefix("https://") && url.utf8.count > 8) || (url.hasPrefix("http://") && url.utf8.count > 7) else {
                throw image.error("url", "must be an http:// or https:// URL")
            }
            imageURL = url
            imageCaption = try ImportRules.optionalText(image, "caption", max: 1000)
        }
        createdAt = try ImportRules.time(reader, "created_at")
        updatedAt = try ImportRules.time(reader, "updated_at")
    }
}

extension ImportedAction {
    static let kinds = ["letter", "email", "petition", "social", "call", "event", "other"]

    init(_ reader: JSONFieldReader) throws(JSONFieldError) {
        try ImportRules.rejectUnknown(reader, allowed: ["case", "kind", "count", "country", "source", "created_at"],
                                      ignored: ["id"])
        guard let slug = try reader.string("case", required: true), Slug.isValid(slug) else {
            throw reader.error("case", "must be a case slug")
        }
        caseSlug = slug
        guard let kind = try ImportRules.oneOf(reader, "kind", ImportedAction.kinds) else {
            throw reader.error("kind", "is required")
        }
        self.kind = kind
        count = try reader.int64("count") ?? 1
        guard (1...10_000_000).contains(count) else { throw reader.error("count", "must be from 1 to 10000000") }
        country = try ImportRules.country(reader, "country", required: false)
        source = try ImportRules.optionalText(reader, "source", max: 200)
        createdAt = try ImportRules.time(reader, "created_at")
    }
}
