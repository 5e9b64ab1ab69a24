import GoodNews
import JSON

extension CaseRoutes {
    private typealias API = ContentOpenAPI

    static let caseSchema = API.object([
        ("id", API.value("integer", "Never reused.")),
        ("slug", API.slug),
        ("name", API.value("string", "1 to 300 characters.")),
        ("country", API.value("string", "ISO 3166-1 alpha-2, upper case.", [("pattern", "^[A-Z]{2}$")])),
        ("summary", API.value("string", "Up to 1,000 characters (\"\" when none).")),
        ("description", API.value("string", "Markdown, up to 200,000 characters (\"\" when none).")),
        ("status", API.value("string", "Where the case stands.", [("enum", ["active", "resolved", "closed"])])),
        ("outcome", API.value("string", "What happened, e.g. `Released 4 September 2020`.", nullable: true)),
        ("campaign", API.value("string", "e.g. `Write for Rights 2019`, `UA 58/20`.", nullable: true)),
        ("tags", API.tags("`GET /v1/cases`")),
        ("action_goal", API.value("integer", "Actions aimed for, or null.", nullable: true, [("minimum", 1)])),
        ("tally", API.schema("CaseTallySummary")),
        ("created_at", API.dateTime("RFC 3339 UTC.")),
        ("updated_at", API.dateTime("RFC 3339 UTC; changes with every PATCH (not with actions).")),
    ], required: ["id", "slug", "name", "country", "summary", "description", "status", "outcome", "campaign", "tags",
                  "action_goal", "tally", "created_at", "updated_at"],
       description: "A person or community campaigned for.")

    static let tallySchema = API.object([
        ("total", API.value("integer", "Actions recorded for the case (sum of their counts).", [("minimum", 0)])),
        ("by_kind", API.value("object", "Totals per kind (`letter`, `email`, `petition`, `social`, `call`, `event`, "
                              + "`other`), only kinds above 0, in that alphabetical order.",
                              [("additionalProperties", ["type": "integer", "minimum": 1])])),
    ], required: ["total", "by_kind"], description: "The case's running tally (read-only).")

    /// The create and PATCH bodies: the same members, `name` and `country` required on create only.
    static func inputSchema(patch: Bool) -> JSONValue {
        let clear = patch ? " `null` clears it." : ""
        var properties: [(String, JSONValue)] = [
            ("slug", API.slug(nullable: !patch)),
            ("name", API.value("string", "1 to 300 characters after trimming." + (patch ? "" : " Required."),
                               [("minLength", 1), ("maxLength", .int(Int64(CaseService.maxName))), ("pattern", API.requiredText)])),
            ("country", API.value("string", "ISO 3166-1 alpha-2, two letters in either case, stored upper case "
                                  + "(`cu` → `CU`); the shape is checked, not the list of codes."
                                  + (patch ? "" : " Required."), [("pattern", .string(CaseService.countryPattern))])),
            ("summary", API.value("string", "Up to 1,000 characters, kept as given." + (patch ? " `null`: \"\"." : ""),
                                  nullable: patch, [("maxLength", .int(Int64(CaseService.maxSummary))), ("pattern", API.longText)])),
            ("description", API.value("string", "Markdown, up to 200,000 characters, kept as given."
                                      + (patch ? " `null`: \"\"." : ""), nullable: patch, [("maxLength", .int(Int64(CaseService.maxDescription))), ("pattern", API.longText)])),
            ("status", API.value("string", "`active` (default on create), `resolved` or `closed`.",
                                 [("enum", ["active", "resolved", "closed"])])),
            ("outcome", API.value("string", "Up to 1,000 characters, trimmed; blank means null." + clear,
                                  nullable: true, [("maxLength", .int(Int64(CaseService.maxOutcome))), ("pattern", API.shortText)])),
            ("campaign", API.value("string", "Up to 200 characters, trimmed; blank means null." + clear,
                                   nullable: true, [("maxLength", .int(Int64(CaseService.maxCampaign))), ("pattern", API.shortText)])),
            ("tags", API.tags("`GET /v1/cases`", nullable: patch)),
            ("action_goal", API.value("integer", "A positive integer, or null for none." + clear, nullable: true,
                                      [("minimum", 1)])),
        ]
        for readOnly in ["id", "created_at", "updated_at", "tally"] {
            properties.append((readOnly, ["description": "Read-only: accepted and ignored."]))
        }
        if !patch { properties = API.nullMeansLeftOut(properties, required: ["name", "country"]) }
        return API.object(properties, required: patch ? [] : ["name", "country"],
                          description: (patch ? "A partial change to a case. " : "A new case. ")
                            + "Any other member is a 422 (`is not a known field`). " + API.lengthNote)
    }
}
