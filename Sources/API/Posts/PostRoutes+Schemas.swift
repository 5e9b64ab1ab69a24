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
        ("body_html", API.value("string", "Read-only: the `body` rendered by the server when it was written (CommonMark with GitHub's "
                  + "tables, autolinks and strikethrough; raw HTML shown as text; only http, https and mailto links, "
                  + "site paths and fragments kept). Ignored on input.", [("readOnly", true)])),
        ("status", API.value("string", "`draft` or `published`.", [("enum", ["draft", "published"])])),
        ("published_at", API.dateTime("RFC 3339 UTC. A future time on a published post = scheduled (hidden from "
                                      + "the public until then). Null only on an undated draft.", nullable: true)),
        ("tags", API.tags("`GET /v1/posts`")),
        ("cases", API.value("array", "Slugs of related cases, in the order given.", [("items", ["type": "string"])])),
        ("image", ["oneOf": [API.schema("PostImage"), ["type": "null"]]]),
        ("created_at", API.dateTime("RFC 3339 UTC.")),
        ("updated_at", API.dateTime("RFC 3339 UTC; changes with every PATCH.")),
    ], required: ["id", "slug", "title", "summary", "body", "body_html", "status", "published_at", "tags", "cases", "image",
                  "created_at", "updated_at"],
       description: "A Good News post.")

    static let imageSchema = API.object([
        ("url", API.value("string", "An http:// or https:// URL with a host name (no user info, no bracketed address), at most 2,048 characters, no spaces.",
                          [("maxLength", .int(Int64(PostService.maxImageURL))), ("pattern", .string(FieldRules.webURLPattern))])),
        ("caption", API.value("string", "Up to 1,000 characters, trimmed; blank or left out: null.", nullable: true,
                              [("maxLength", .int(Int64(PostService.maxCaption))), ("pattern", API.shortText)])),
    ], required: ["url"], description: "A picture; a PATCH replaces the whole object.")

    /// The create and PATCH bodies, from the members `PostService.body` declares and validates.
    static func inputSchema(patch: Bool) -> JSONValue {
        API.input(PostService.body, patch: patch, noun: "post")
    }
}
