import Markdown
import Testing

/// Links keep `http`, `https`, `mailto`, site paths and fragments; any other destination loses
/// the link and keeps its text. Images keep only `http` and `https`.
@Suite struct LinkPolicyTests {
    @Test(arguments: [
        "https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG", "HtTp://example.org",
        "mailto:news@example.org", "MAILTO:news@example.org", "/posts/freed", "/", "#top", "/a:b",
        "https://example.org/a_(b)", "<https://example.org/a b>",
    ])
    func linkKept(_ destination: String) throws {
        let html = try Markdown.html(from: "[text](\(destination))")
        #expect(html.hasPrefix("<p><a href=\""), "\(html)")
        #expect(html.hasSuffix(">text</a></p>\n"), "\(html)")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
        "<java\tscript:alert(1)>", "<java\nscript:alert(1)>", "<\u{1}javascript:alert(1)>", "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "java\\script:alert(1)",
        "javascript%3Aalert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA", "file:///etc/passwd", "ftp://example.org", "tel:+123", "blob:https://a.org/x",
        "//evil.example/x", "/\\evil.example/x", "\\\\evil.example", "/\t/evil.example", "www.example.org",
        "posts/x", "../x", "?q=1", "", "<>", "<https\u{3000}://a.org>", "ｊavascript:alert(1)",
    ])
    func linkDropped(_ destination: String) throws {
        let html = try Markdown.html(from: "[text](\(destination))")
        // Most become "<p>text</p>"; a few (a newline in `<…>`) are no link to CommonMark at all
        // and stay as escaped text.
        #expect(!html.contains("<a "), "\(html)")
        #expect(html.hasPrefix("<p>text") || html.hasPrefix("<p>[text]("), "\(html)")
    }

    @Test(arguments: [
        ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"),
        ("[text][r]\n\n[r]: javascript:alert(1)", "<p>text</p>\n"),
        ("[*rich* `text`](javascript:x) after", "<p><em>rich</em> <code>text</code> after</p>\n"),
        ("[![img](https://a.org/i.png)](javascript:x)", "<p><img src=\"https://a.org/i.png\" alt=\"img\" /></p>\n"),
        ("| a |\n|---|\n| [x](javascript:y) |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n"),
    ])
    func linkDroppedWherever(_ markdown: String, _ html: String) throws {
        #expect(try Markdown.html(from: markdown) == html)
    }

    @Test(arguments: ["https://a.org/i.png", "http://a.org/i.png", "HTTPS://A.ORG/I.PNG"])
    func imageKept(_ source: String) throws {
        #expect(try Markdown.html(from: "![a *b*](\(source) \"t\")") == "<p><img src=\"\(source)\" alt=\"a b\" title=\"t\" /></p>\n")
    }

    @Test(arguments: [
        "/uploads/i.png", "#x", "mailto:a@b.org", "javascript:alert(1)", "data:image/png;base64,AAAA",
        "//evil.example/i.png", "i.png", "file:///i.png",
    ])
    func imageDroppedKeepsDescription(_ source: String) throws {
        #expect(try Markdown.html(from: "![a *b*](\(source))") == "<p>a <em>b</em></p>\n")
    }

    /// Entities and escapes in an allowed destination are kept, escaped for the attribute.
    @Test func allowedDestinationEscaped() throws {
        let html = try Markdown.html(from: "[x](https://a.org/?a=1&b=\"2\"<3>) [y](</a b>)")
        #expect(html == "<p><a href=\"https://a.org/?a=1&amp;b=%222%22%3C3%3E\">x</a> <a href=\"/a%20b\">y</a></p>\n")
    }
}
