import JSON

/// `POST /v1/preview`: the editor's live preview, rendered exactly as a write would render and store it.
public enum MarkdownPreview {
    public static let body: [BodyField] = [
        BodyField("markdown", .text(max: PostService.maxBody), required: true,
                  "Markdown, up to \(PostService.maxBody) characters: a post body or a case description."),
    ]

    /// The HTML of the body's `markdown`; 422 for a missing, over-long or unrenderable text.
    public static func html(from body: JSONObject) throws(ServiceError) -> String {
        let reader = JSONFieldReader(body)
        var issues = IssueList()
        issues.unknownFields(of: reader, allowed: Self.body.writable)
        let markdown = issues.read { try reader.string("markdown", required: true) }
        var html = ""
        if let markdown {
            FieldRules.text(markdown, field: "markdown", max: PostService.maxBody, into: &issues)
            if issues.isEmpty { html = RenderedMarkdown.html(of: markdown, field: "markdown", into: &issues) }
        }
        try issues.throwIfAny()
        return html
    }
}
