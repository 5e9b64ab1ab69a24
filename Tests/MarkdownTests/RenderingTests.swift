import Markdown
import Testing

@Suite struct RenderingTests {
    @Test(arguments: [
        ("# Title", "<h1>Title</h1>\n"),
        ("Title\n=====\n\n### Three", "<h1>Title</h1>\n<h3>Three</h3>\n"),
        ("*em* _em_ **strong** ***both***",
         "<p><em>em</em> <em>em</em> <strong>strong</strong> <em><strong>both</strong></em></p>\n"),
        ("- a\n- b\n\n1. x\n2. y", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>x</li>\n<li>y</li>\n</ol>\n"),
        ("> quoted\n> > nested", "<blockquote>\n<p>quoted</p>\n<blockquote>\n<p>nested</p>\n</blockquote>\n</blockquote>\n"),
        ("`a < b`", "<p><code>a &lt; b</code></p>\n"),
        ("```swift\nlet x = 1 < 2\n```", "<pre><code class=\"language-swift\">let x = 1 &lt; 2\n</code></pre>\n"),
        ("    indented <code>", "<pre><code>indented &lt;code&gt;\n</code></pre>\n"),
        ("a  \nb\nc", "<p>a<br />\nb\nc</p>\n"),
        ("---", "<hr />\n"),
        ("~~gone~~ and ~also~", "<p><del>gone</del> and <del>also</del></p>\n"),
        ("AT&T &copy; &#233; 5 > 3", "<p>AT&amp;T © é 5 &gt; 3</p>\n"),
        ("- [ ] not a task list", "<ul>\n<li>[ ] not a task list</li>\n</ul>\n"),
        ("", ""),
    ])
    func commonMark(_ markdown: String, _ html: String) throws {
        #expect(try Markdown.html(from: markdown) == html)
    }

    /// `align` rather than `style="text-align: …"`, which a strict Content-Security-Policy refuses.
    @Test func tablesWithAlignment() throws {
        let html = try Markdown.html(from: "| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* |\n")
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th align="left">a</th>
            <th align="center">b</th>
            <th align="right">c</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td align="left">1</td>
            <td align="center"><em>2</em></td>
            <td align="right"></td>
            </tr>
            </tbody>
            </table>

            """)
        #expect(!html.contains("style"))
    }

    @Test(arguments: [
        ("see https://example.org/a?b=1.", "<p>see <a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a>.</p>\n"),
        ("see www.example.org/x", "<p>see <a href=\"http://www.example.org/x\">www.example.org/x</a></p>\n"),
        ("write to news@example.org", "<p>write to <a href=\"mailto:news@example.org\">news@example.org</a></p>\n"),
        ("<https://example.org>", "<p><a href=\"https://example.org\">https://example.org</a></p>\n"),
        ("(see https://en.wikipedia.org/wiki/A_(b))",
         "<p>(see <a href=\"https://en.wikipedia.org/wiki/A_(b)\">https://en.wikipedia.org/wiki/A_(b)</a>)</p>\n"),
    ])
    func autolinks(_ markdown: String, _ html: String) throws {
        #expect(try Markdown.html(from: markdown) == html)
    }

    @Test func nonASCII() throws {
        let html = try Markdown.html(from: "## Liberada: María Quiñones\n\n«Gracias» — 谢谢 ✊🏽 *ça va*")
        #expect(html == "<h2>Liberada: María Quiñones</h2>\n<p>«Gracias» — 谢谢 ✊🏽 <em>ça va</em></p>\n")
    }

    /// CommonMark: "the insecure character U+0000 must be replaced with U+FFFD".
    @Test func nulBecomesReplacementCharacter() throws {
        #expect(try Markdown.html(from: "a\u{0}b\u{0}") == "<p>a\u{FFFD}b\u{FFFD}</p>\n")
    }

    /// A String is valid UTF-8 by construction; bytes that were not arrive as U+FFFD and stay so.
    @Test func invalidUTF8ArrivesRepaired() throws {
        let text = String(decoding: [0x61, 0xFF, 0xC3, 0x28, 0x62] as [UInt8], as: UTF8.self)
        #expect(try Markdown.html(from: text) == "<p>a\u{FFFD}\u{FFFD}(b</p>\n")
    }

    @Test func carriageReturnLineEndings() throws {
        let html = try Markdown.html(from: "a\r\nb\r\n\r\n| x |\r\n|---|\r\n| y |\r\n")
        #expect(html.hasPrefix("<p>a\nb</p>\n<table>"))
        #expect(html.contains("<td>y</td>"))
    }

    @Test func referenceLinks() throws {
        let html = try Markdown.html(from: "[one] and [two][one]\n\n[one]: https://example.org \"Title\"")
        #expect(html == """
            <p><a href="https://example.org" title="Title">one</a> and \
            <a href="https://example.org" title="Title">two</a></p>

            """)
    }

    @Test func inputLongerThanTheLimit() throws {
        let text = String(repeating: "a", count: Markdown.maxInputBytes + 1)
        #expect(throws: MarkdownError.tooLong(maxBytes: Markdown.maxInputBytes)) { try Markdown.html(from: text) }
        let atLimit = String(repeating: "a ", count: Markdown.maxInputBytes / 2)
        #expect(try Markdown.html(from: atLimit).hasPrefix("<p>a a"))
    }
}
