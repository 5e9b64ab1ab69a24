import Markdown

/// Post bodies and case descriptions as HTML, rendered once when they are written (API, import, demo)
/// and stored beside the Markdown, so no read renders anything. Rows written before rendering existed
/// are rendered by `renderPending` when `serve` or `migrate` opens the database.
public enum RenderedMarkdown {
    /// The HTML of `markdown`; a text cmark-gfm must not be given (see `Markdown.html`) is an issue on
    /// `field`, so the write is a 422 and nothing is stored.
    static func html(of markdown: String, field: String, into issues: inout IssueList) -> String {
        if markdown.isEmpty { return "" }
        do {
            return try Markdown.html(from: markdown)
        } catch {
            issues.add(field, "cannot be rendered as Markdown: \(error)")
            return ""
        }
    }

    /// The HTML of a stored text, which passed validation once: should a later renderer refuse it, the
    /// text is shown escaped in a paragraph rather than lost.
    public static func html(ofStored markdown: String) -> String {
        if markdown.isEmpty { return "" }
        if let html = try? Markdown.html(from: markdown) { return html }
        var out = Array("<p>".utf8)
        var text = markdown
        text.withUTF8 { MarkupEscaping.appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
        out.append(contentsOf: Array("</p>\n".utf8))
        return String(decoding: out, as: UTF8.self)
    }

    /// Renders every post body and case description stored without its HTML, a batch per write;
    /// returns how many rows it rendered.
    @discardableResult
    public static func renderPending(in storage: any Storage, batch: Int = 200) throws -> Int {
        var rendered = 0
        while true {
            let done = try storage.write { tx -> Int in
                let posts = try tx.posts.unrenderedBodies(limit: batch)
                for (id, body) in posts { try tx.posts.setBodyHTML(html(ofStored: body), of: id) }
                let cases = try tx.cases.unrenderedDescriptions(limit: batch)
                for (id, text) in cases { try tx.cases.setDescriptionHTML(html(ofStored: text), of: id) }
                return posts.count + cases.count
            }
            rendered += done
            if done == 0 { return rendered }
        }
    }
}
