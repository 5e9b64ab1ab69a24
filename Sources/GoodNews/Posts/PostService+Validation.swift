import JSON

/// Reading and checking post bodies. Every problem found is reported in one 422, one issue per field.
extension PostService {
    public static let maxTitle = 300, maxSummary = 1_000, maxBody = 200_000
    public static let maxImageURL = 2_048, maxCaption = 1_000, maxCases = 100

    /// The members of a post body, as validated below and as `/openapi.json` describes them. Read-only
    /// members are accepted and ignored, so a fetched post can be sent back.
    public static let body: [BodyField] = [
        BodyField("slug", .slug),
        BodyField("title", .name(max: maxTitle), required: true, "1 to \(maxTitle) characters after trimming."),
        BodyField("summary", .text(max: maxSummary), "Up to \(maxSummary) characters, kept as given."),
        BodyField("body", .text(max: maxBody), "Markdown, up to \(maxBody) characters, kept as given."),
        BodyField("status", .choice(PostStatus.allCases.map(\.rawValue)), "`draft` (default on create) or `published`."),
        BodyField("published_at", .time, "RFC 3339 with any offset (normalised to UTC, fractions dropped), years "
                  + "0001–9999. A published post needs one (default: now)."),
        BodyField("tags", .tags, "Up to \(FieldRules.maxTags) tags of 1 to \(FieldRules.maxTagLength) characters, "
                  + "trimmed, kept in the order given; a repeated tag is kept once (first place). Matched exactly "
                  + "(case-sensitive) by the `tag` filter of `GET /v1/posts`."),
        BodyField("cases", .references(max: maxCases), "Slugs of existing cases (an unknown one is a 422 on "
                  + "`cases[i]`: \"no such case\"); repeats are kept once; at most \(maxCases)."),
        BodyField("image", .object("PostImage"), "A picture, or null for none."),
        BodyField("id", .readOnly), BodyField("body_html", .readOnly), BodyField("created_at", .readOnly),
        BodyField("updated_at", .readOnly),
    ]
    static let fields = body.writable
    static let readOnlyFields = body.readOnly

    /// A create body (`POST /v1/posts`, or one post of an import) read and validated.
    public static func input(from body: JSONObject) throws(ServiceError) -> PostInput {
        let reader = JSONFieldReader(body)
        var issues = IssueList()
        issues.unknownFields(of: reader, allowed: fields, ignored: readOnlyFields)
        var input = PostInput(title: issues.read { try reader.string("title", required: true) } ?? "")
        input.slug = issues.read { try reader.string("slug") }
        input.summary = issues.read { try reader.string("summary") } ?? ""
        input.body = issues.read { try reader.string("body") } ?? ""
        if let text = issues.read({ try reader.string("status") }) {
            input.status = FieldRules.choice(text, field: "status", into: &issues) ?? .draft
        }
        if let text = issues.read({ try reader.string("published_at") }) {
            input.publishedAt = FieldRules.time(text, field: "published_at", into: &issues)
        }
        input.tags = issues.read { try reader.stringArray("tags") } ?? []
        input.cases = issues.read { try reader.stringArray("cases") } ?? []
        input.image = image(reader, into: &issues) ?? nil
        check(&input, into: &issues)
        try issues.throwIfAny()
        return input
    }

    /// A post built in code, checked and normalised as `input(from:)` would (titles and tags trimmed,
    /// repeated tags and cases dropped).
    public static func validate(_ input: PostInput) throws(ServiceError) -> PostInput {
        try IssueList.checked(input, by: check)
    }

    /// A PATCH body: absent members keep their value, `null` clears (`summary`/`body` to "", `tags`/`cases`
    /// to none, `published_at`/`image` to null); `null` for `slug`, `title` or `status` is a 422.
    public static func patch(from body: JSONObject) throws(ServiceError) -> PostPatch {
        let reader = JSONFieldReader(body)
        var issues = IssueList()
        issues.unknownFields(of: reader, allowed: fields, ignored: readOnlyFields)
        var patch = PostPatch()
        patch.slug = FieldRules.patchedSlug(reader, into: &issues)
        if let title = FieldRules.presentString(reader, "title", into: &issues) {
            patch.title = FieldRules.name(title, field: "title", max: maxTitle, into: &issues)
        }
        patch.summary = FieldRules.patchedText(reader, "summary", max: maxSummary, into: &issues)
        patch.body = FieldRules.patchedText(reader, "body", max: maxBody, into: &issues)
        patch.bodyHTML = patch.body.map { RenderedMarkdown.html(of: $0, field: "body", into: &issues) }
        if let text = FieldRules.presentString(reader, "status", into: &issues) {
            patch.status = FieldRules.choice(text, field: "status", into: &issues)
        }
        if reader.field("published_at") != .absent {
            let text = issues.read { try reader.string("published_at") }
            patch.publishedAt = .some(text.flatMap { FieldRules.time($0, field: "published_at", into: &issues) })
        }
        patch.tags = FieldRules.patchedTags(reader, into: &issues)
        if reader.field("cases") != .absent {
            patch.cases = caseSlugs(issues.read { try reader.stringArray("cases") } ?? [], into: &issues)
        }
        if reader.field("image") != .absent {
            patch.image = .some(image(reader, into: &issues).flatMap { $0 }.map { checked($0, into: &issues) })
        }
        try issues.throwIfAny()
        return patch
    }

    /// Checks every field of a whole post, normalising as it goes.
    static func check(_ input: inout PostInput, into issues: inout IssueList) {
        if let slug = input.slug { FieldRules.slug(slug, into: &issues) }
        input.title = FieldRules.name(input.title, field: "title", max: maxTitle, into: &issues)
        FieldRules.text(input.summary, field: "summary", max: maxSummary, into: &issues)
        FieldRules.text(input.body, field: "body", max: maxBody, into: &issues)
        input.bodyHTML = RenderedMarkdown.html(of: input.body, field: "body", into: &issues)
        if let time = input.publishedAt, !FieldRules.timeRange.contains(time.seconds) {
            issues.add("published_at", "must be an RFC 3339 time between years 0001 and 9999")
        }
        input.tags = FieldRules.tags(input.tags, field: "tags", into: &issues)
        input.cases = caseSlugs(input.cases, into: &issues)
        if let image = input.image { input.image = checked(image, into: &issues) }
    }

    /// Repeats dropped; existence is checked when the post is written (`cases[i]` "no such case").
    static func caseSlugs(_ slugs: [String], into issues: inout IssueList) -> [String] {
        if slugs.count > maxCases { issues.add("cases", "must have at most \(maxCases) cases") }
        var unique: [String] = []
        for (index, slug) in slugs.enumerated()
        where FieldRules.controls(slug, .short, field: "cases[\(index)]", into: &issues) && !unique.contains(slug) {
            unique.append(slug)
        }
        return unique
    }

    /// `image`: nil when absent (or unreadable, with an issue), `.some(nil)` for null, else the object as given.
    private static func image(_ reader: JSONFieldReader, into issues: inout IssueList) -> PostImage?? {
        switch reader.field("image") {
        case .absent: return nil
        case .null: return .some(nil)
        case .value:
            guard let object = issues.read({ try reader.object("image") }) else { return nil }
            issues.unknownFields(of: object, allowed: ["url", "caption"])
            let url = issues.read { try object.string("url", required: true) }
            let caption = issues.read { try object.string("caption") }
            guard let url else { return nil }
            return .some(PostImage(url: url, caption: caption))
        }
    }

    private static func checked(_ image: PostImage, into issues: inout IssueList) -> PostImage {
        FieldRules.webURL(image.url, field: "image.url", max: maxImageURL, into: &issues)
        let caption = FieldRules.optionalText(image.caption, field: "image.caption", max: maxCaption, into: &issues)
        return PostImage(url: image.url, caption: caption)
    }
}
