import JSON

/// Reading and checking case bodies. Every problem found is reported in one 422, one issue per field.
extension CaseService {
    public static let maxName = 300, maxSummary = 1_000, maxDescription = 200_000, maxOutcome = 1_000, maxCampaign = 200

    /// The members of a case body, as validated below and as `/openapi.json` describes them. Read-only
    /// members are accepted and ignored, so a fetched case can be sent back.
    public static let body: [BodyField] = [
        BodyField("slug", .slug),
        BodyField("name", .name(max: maxName), required: true, "1 to \(maxName) characters after trimming."),
        BodyField("country", .country, required: true, "ISO 3166-1 alpha-2, two letters in either case, stored "
                  + "upper case (`cu` → `CU`); the shape is checked, not the list of codes."),
        BodyField("summary", .text(max: maxSummary), "Up to \(maxSummary) characters, kept as given."),
        BodyField("description", .text(max: maxDescription), "Markdown, up to \(maxDescription) characters, kept as given."),
        BodyField("status", .choice(CaseStatus.allCases.map(\.rawValue)),
                  "`active` (default on create), `resolved` or `closed`."),
        BodyField("outcome", .optionalText(max: maxOutcome), "Up to \(maxOutcome) characters, trimmed; blank means null."),
        BodyField("campaign", .optionalText(max: maxCampaign),
                  "Up to \(maxCampaign) characters, trimmed; blank means null."),
        BodyField("tags", .tags, "Up to \(FieldRules.maxTags) tags of 1 to \(FieldRules.maxTagLength) characters, "
                  + "trimmed, kept in the order given; a repeated tag is kept once (first place). Matched exactly "
                  + "(case-sensitive) by the `tag` filter of `GET /v1/cases`."),
        BodyField("action_goal", .positiveInteger, "A positive integer, or null for none."),
        BodyField("id", .readOnly), BodyField("created_at", .readOnly), BodyField("updated_at", .readOnly),
        BodyField("tally", .readOnly), BodyField("description_html", .readOnly),
    ]
    static let fields = body.writable
    static let readOnlyFields = body.readOnly

    /// A create body (`POST /v1/cases`, or one case of an import) read and validated.
    public static func input(from body: JSONObject) throws(ServiceError) -> CaseInput {
        let reader = JSONFieldReader(body)
        var issues = IssueList()
        issues.unknownFields(of: reader, allowed: fields, ignored: readOnlyFields)
        var input = CaseInput(name: issues.read { try reader.string("name", required: true) } ?? "",
                              country: issues.read { try reader.string("country", required: true) } ?? "")
        input.slug = issues.read { try reader.string("slug") }
        input.summary = issues.read { try reader.string("summary") } ?? ""
        input.description = issues.read { try reader.string("description") } ?? ""
        if let text = issues.read({ try reader.string("status") }) {
            input.status = FieldRules.choice(text, field: "status", into: &issues) ?? .active
        }
        input.outcome = issues.read { try reader.string("outcome") }
        input.campaign = issues.read { try reader.string("campaign") }
        input.tags = issues.read { try reader.stringArray("tags") } ?? []
        input.actionGoal = issues.read { try reader.int64("action_goal") }
        check(&input, into: &issues)
        try issues.throwIfAny()
        return input
    }

    /// A case built in code, checked and normalised as `input(from:)` would (name, campaign, outcome and
    /// tags trimmed, country upper-cased, repeated tags dropped).
    public static func validate(_ input: CaseInput) throws(ServiceError) -> CaseInput {
        try IssueList.checked(input, by: check)
    }

    /// A PATCH body: absent members keep their value, `null` clears (`outcome`, `campaign`, `action_goal` to
    /// null, `summary`/`description` to "", `tags` to none); `null` for `slug`, `name`, `country` or
    /// `status` is a 422.
    public static func patch(from body: JSONObject) throws(ServiceError) -> CasePatch {
        let reader = JSONFieldReader(body)
        var issues = IssueList()
        issues.unknownFields(of: reader, allowed: fields, ignored: readOnlyFields)
        var patch = CasePatch()
        patch.slug = FieldRules.patchedSlug(reader, into: &issues)
        if let name = FieldRules.presentString(reader, "name", into: &issues) {
            patch.name = FieldRules.name(name, field: "name", max: maxName, into: &issues)
        }
        if let country = FieldRules.presentString(reader, "country", into: &issues) {
            patch.country = checkedCountry(country, into: &issues)
        }
        patch.summary = FieldRules.patchedText(reader, "summary", max: maxSummary, into: &issues)
        patch.description = FieldRules.patchedText(reader, "description", max: maxDescription, into: &issues)
        patch.descriptionHTML = patch.description.map {
            RenderedMarkdown.html(of: $0, field: "description", into: &issues)
        }
        if let text = FieldRules.presentString(reader, "status", into: &issues) {
            patch.status = FieldRules.choice(text, field: "status", into: &issues)
        }
        if reader.field("outcome") != .absent {
            patch.outcome = .some(FieldRules.optionalText(issues.read { try reader.string("outcome") },
                                                          field: "outcome", max: maxOutcome, into: &issues))
        }
        if reader.field("campaign") != .absent {
            patch.campaign = .some(FieldRules.optionalText(issues.read { try reader.string("campaign") },
                                                           field: "campaign", max: maxCampaign, into: &issues))
        }
        patch.tags = FieldRules.patchedTags(reader, into: &issues)
        if reader.field("action_goal") != .absent {
            let goal = issues.read { try reader.int64("action_goal") }
            checkGoal(goal, into: &issues)
            patch.actionGoal = .some(goal)
        }
        try issues.throwIfAny()
        return patch
    }

    static func check(_ input: inout CaseInput, into issues: inout IssueList) {
        if let slug = input.slug { FieldRules.slug(slug, into: &issues) }
        input.name = FieldRules.name(input.name, field: "name", max: maxName, into: &issues)
        input.country = checkedCountry(input.country, into: &issues)
        FieldRules.text(input.summary, field: "summary", max: maxSummary, into: &issues)
        FieldRules.text(input.description, field: "description", max: maxDescription, into: &issues)
        input.descriptionHTML = RenderedMarkdown.html(of: input.description, field: "description", into: &issues)
        input.outcome = FieldRules.optionalText(input.outcome, field: "outcome", max: maxOutcome, into: &issues)
        input.campaign = FieldRules.optionalText(input.campaign, field: "campaign", max: maxCampaign, into: &issues)
        input.tags = FieldRules.tags(input.tags, field: "tags", into: &issues)
        checkGoal(input.actionGoal, into: &issues)
    }

    /// What `checkedCountry` accepts, for the schemas of every `country` (case bodies, action bodies, filters).
    public static let countryPattern = "^ *[A-Za-z]{2} *$"

    /// Two ASCII letters, either case, stored upper case (`cu` → `CU`); whether the code is assigned is not checked.
    static func checkedCountry(_ text: String, into issues: inout IssueList) -> String {
        // Only spaces are trimmed, so that the rule is `countryPattern`.
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed.removeFirst() }
        while trimmed.last == " " { trimmed.removeLast() }
        // Checked before upper-casing, which would turn "ß" into "SS".
        let valid = FieldRules.controlIssue(text, .short) == nil && trimmed.utf8.count == 2 && trimmed.utf8.allSatisfy { ($0 | 0x20) &- UInt8(ascii: "a") < 26 }
        if !valid { issues.add("country", "must be an ISO 3166-1 alpha-2 code (two letters, such as CU)") }
        return trimmed.uppercased()
    }

    private static func checkGoal(_ goal: Int64?, into issues: inout IssueList) {
        if let goal, goal < 1 { issues.add("action_goal", "must be a positive integer") }
    }
}
