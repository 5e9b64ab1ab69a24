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
        ("description_html", API.value("string", "Read-only: the `description` rendered by the server when it was written (CommonMark with GitHub's "
                  + "tables, autolinks and strikethrough; raw HTML shown as text; only http, https and mailto links, "
                  + "site paths and fragments kept). Ignored on input.", [("readOnly", true)])),
        ("status", API.value("string", "Where the case stands.", [("enum", ["active", "resolved", "closed"])])),
        ("outcome", API.value("string", "What happened, e.g. `Released 4 September 2020`.", nullable: true)),
        ("campaign", API.value("string", "e.g. `Write for Rights 2019`, `UA 58/20`.", nullable: true)),
        ("tags", API.tags("`GET /v1/cases`")),
        ("action_goal", API.value("integer", "Actions aimed for, or null.", nullable: true, [("minimum", 1)])),
        ("tally", API.schema("CaseTallySummary")),
        ("created_at", API.dateTime("RFC 3339 UTC.")),
        ("updated_at", API.dateTime("RFC 3339 UTC; changes with every PATCH (not with actions).")),
    ], required: ["id", "slug", "name", "country", "summary", "description", "description_html", "status", "outcome", "campaign", "tags",
                  "action_goal", "tally", "created_at", "updated_at"],
       description: "A person or community campaigned for.")

    static let tallySchema = API.object([
        ("total", API.value("integer", "Actions recorded for the case (sum of their counts).", [("minimum", 0)])),
        ("by_kind", API.value("object", "Totals per kind (`letter`, `email`, `petition`, `social`, `call`, `event`, "
                              + "`other`), only kinds above 0, in that alphabetical order.",
                              [("additionalProperties", ["type": "integer", "minimum": 1])])),
    ], required: ["total", "by_kind"], description: "The case's running tally (read-only).")

    /// The create and PATCH bodies, from the members `CaseService.body` declares and validates.
    static func inputSchema(patch: Bool) -> JSONValue {
        API.input(CaseService.body, patch: patch, noun: "case")
    }
}
