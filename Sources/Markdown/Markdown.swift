/// Markdown to HTML for post bodies and case descriptions: CommonMark with GitHub's tables,
/// autolinks (`https://…`, `www.…`, e-mail addresses) and strikethrough, by cmark-gfm.
///
/// The result is an HTML fragment safe to insert into a page served with a strict
/// Content-Security-Policy:
/// - raw HTML in the source is shown as text (`<script>` becomes `&lt;script&gt;`), never as markup;
/// - a link keeps its destination only for `http:`, `https:`, `mailto:`, a site path (`/posts/x`)
///   or a fragment (`#part`), an image only for `http:` and `https:`; any other loses the link
///   and keeps its text (an image keeps its description);
/// - no `style` or event-handler attribute can appear, and no `rel` or `target` is added: posts are
///   written by the organisation's editors, not by the public, so their links are endorsements.
public enum Markdown {
    /// The longest input, in UTF-8 bytes, `html(from:)` renders: room for the 200,000 characters
    /// a body may hold (at most 800,000 bytes), and a bound on the time any input takes.
    public static let maxInputBytes = 1 << 20

    /// Renders `markdown` as an HTML fragment. Safe to call from many threads at once.
    ///
    /// Throws when the input is longer than `maxInputBytes` or shaped so that this version of
    /// cmark-gfm would need more than linear time or memory (see `ComplexityCheck`).
    public static func html(from markdown: String) throws(MarkdownError) -> String {
        var text = markdown
        let result = text.withUTF8 { bytes in
            Result { () throws(MarkdownError) -> String in
                guard bytes.count <= maxInputBytes else { throw .tooLong(maxBytes: maxInputBytes) }
                try ComplexityCheck.check(bytes)
                let document = try CmarkDocument(parsing: bytes)
                try document.removeUnsafeMarkup()
                return try document.html()
            }
        }
        return try result.get()
    }
}
