import GoodNews
import JSON

extension PostRoutes {
    private typealias API = ContentOpenAPI

    static let postSchema = API.object([
        ("id", API.value("integer", "Never reused.")),
        ("slug", API.slug),
        ("title", API.value("string", "1 to 300 characters.")),
        ("summary", API.value("string", "Up to 1,000 characters (\"\" when none).")),
        ("body", API.value("string", "Markdown, up to 200,000 characters (\"\" when none).")),
        ("status", API.value("string", "`draft` or `published`.", [("enum", ["draft", "published"])])),
        ("published_at", API.dateTime("RFC 3339 UTC. A future time on a published post = scheduled (hidden from "
                                      + "the public until then). Null only on an undated draft.", nullable: true)),
        ("tags", API.tags("`GET /v1/posts`")),
        ("cases", API.value("array", "Slugs of related cases, in the order given.", [("items", ["type": "string"])])),
        ("image", ["oneOf": [API.schema("PostImage"), ["type": "null"]]]),
        ("created_at", API.dateTime("RFC 3339 UTC.")),
        ("updated_at", API.dateTime("RFC 3339 UTC; changes with every PATCH.")),
    ], required: ["id", "slug", "title", "summary", "body", "status", "published_at", "tags", "cases", "image",
                  "created_at", "updated_at"],
       description: "A Good News post.")

    static let imageSchema = API.object([
        ("url", API.value("string", "An http:// or https:// URL, at most 2,048 characters, no spaces.",
                          [("maxLength", .int(Int64(PostService.maxImageURL))), ("pattern", "^https?://[^\\s\\u0000-\\u001F\\u007F]+$")])),
        ("caption", API.value("string", "Up to 1,000 characters, trimmed; blank or left out: null.", nullable: true,
                              [("maxLength", .int(Int64(PostService.maxCaption))), ("pattern", API.shortText)])),
    ], required: ["url"], description: "A picture; a PATCH replaces the whole object.")

    /// The create and PATCH bodies: the same members, `title` required on create only, `null` meaningful in PATCH.
    static func inputSchema(patch: Bool) -> JSONValue {
        let nullNote = patch ? " `null` clears it." : ""
        var properties: [(String, JSONValue)] = [
            ("slug", API.slug(nullable: !patch)),
            ("title", API.value("string", "1 to 300 characters after trimming." + (patch ? "" : " Required."),
                                [("minLength", 1), ("maxLength", .int(Int64(PostService.maxTitle))), ("pattern", API.requiredText)])),
            ("summary", API.value("string", "Up to 1,000 characters, kept as given." + (patch ? " `null`: \"\"." : ""),
                                  nullable: patch, [("maxLength", .int(Int64(PostService.maxSummary))), ("pattern", API.longText)])),
            ("body", API.value("string", "Markdown, up to 200,000 characters, kept as given."
                               + (patch ? " `null`: \"\"." : ""), nullable: patch,
                               [("maxLength", .int(Int64(PostService.maxBody))), ("pattern", API.longText)])),
            ("status", API.value("string", "`draft` (default on create) or `published`.",
                                 [("enum", ["draft", "published"])])),
            ("published_at", API.value("string", "RFC 3339 with any offset (normalised to UTC, fractions dropped), "
                                       + "years 0001–9999." + nullNote + " A published post needs one (default: now).",
                                       nullable: true, [("format", "date-time")])),
            ("tags", API.tags("`GET /v1/posts`", nullable: patch)),
            ("cases", API.value("array", "Slugs of existing cases (an unknown one is a 422 on `cases[i]`: "
                                + "\"no such case\"); repeats are kept once; at most 100."
                                + (patch ? " Replaces the list; `null`: []." : ""),
                                nullable: patch, [("items", ["type": "string", "pattern": API.shortText]), ("maxItems", .int(Int64(PostService.maxCases)))])),
            ("image", ["oneOf": [API.schema("PostImage"), ["type": "null"]],
                       "description": .string("A picture, or null for none." + nullNote)]),
        ]
        for readOnly in ["id", "created_at", "updated_at"] {
            properties.append((readOnly, ["description": "Read-only: accepted and ignored."]))
        }
        if !patch { properties = API.nullMeansLeftOut(properties, required: ["title"]) }
        return API.object(properties, required: patch ? [] : ["title"],
                          description: (patch ? "A partial change to a post. " : "A new post. ")
                            + "Any other member is a 422 (`is not a known field`). " + API.lengthNote)
    }
}
