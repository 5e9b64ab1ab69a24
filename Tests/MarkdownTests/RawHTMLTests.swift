import Markdown
import Testing

/// Raw HTML in the source is shown as the writer typed it, escaped, never as markup.
@Suite struct RawHTMLTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("<div>\n*not emphasis*\n</div>\n\nafter", "<p>&lt;div&gt;\n*not emphasis*\n&lt;/div&gt;</p>\n<p>after</p>\n"),
        ("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>\n"),
        ("<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n"),
        ("<iframe src=\"https://evil.example\"></iframe>",
         "<p>&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;</p>\n"),
        ("a <b onclick=\"x()\">bold</b> b", "<p>a &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; b</p>\n"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
        ("- item <span>x</span>", "<ul>\n<li>item &lt;span&gt;x&lt;/span&gt;</li>\n</ul>\n"),
        ("> <script>\n> x", "<blockquote>\n<p>&lt;script&gt;\nx</p>\n</blockquote>\n"),
        ("| a |\n|---|\n| <script>x</script> |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>&lt;script&gt;x&lt;/script&gt;</td>\n</tr>\n</tbody>\n</table>\n"),
        ("[<b>x</b>](https://example.org)", "<p><a href=\"https://example.org\">&lt;b&gt;x&lt;/b&gt;</a></p>\n"),
        ("<?php echo 1; ?> <![CDATA[x]]> <!DOCTYPE html>", "<p>&lt;?php echo 1; ?&gt; &lt;![CDATA[x]]&gt; &lt;!DOCTYPE html&gt;</p>\n"),
    ])
    func shownAsText(_ markdown: String, _ html: String) throws {
        let rendered = try Markdown.html(from: markdown)
        #expect(rendered == html)
        #expect(!rendered.contains("raw HTML omitted"))
    }

    /// Whatever the input, only these elements and attributes come out, and every address is one
    /// `LinkPolicy` allows: nothing that runs script or sets style.
    @Test(arguments: [
        "<script>alert(1)</script>", "<SCRIPT SRC=//x></SCRIPT>", "<scr<script>ipt>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))", "![x](javascript:alert(1))",
        "<svg onload=alert(1)>", "<p style=\"color:red\">x</p>", "[x](https://a.org \"\\\" onmouseover=alert(1)\")",
        "<https://a.org/\" onclick=\"x>", "`<script>`", "www.a.org/\"onclick=alert(1)//",
        "[x](https://a.org/\"onclick=\"alert(1))", "![a\"onerror=\"x](https://a.org/i.png)",
        "| a |\n|:-:|\n| <b style=x> |", "```\"><script>\n</script>\n```",
    ])
    func onlyHarmlessMarkup(_ markdown: String) throws {
        let elements: Set = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "a", "img", "ul",
                             "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del"]
        let attributes: Set = ["href", "src", "alt", "title", "align", "class", "start"]
        for tag in Self.tags(in: try Markdown.html(from: markdown)) {
            #expect(elements.contains(tag.name), "element \(tag.name) from \(markdown)")
            for (name, value) in tag.attributes {
                #expect(attributes.contains(name), "attribute \(name) from \(markdown)")
                if name == "href" || name == "src" {
                    let allowed = ["http://", "https://", "mailto:", "/", "#"].contains { value.lowercased().hasPrefix($0) }
                    #expect(allowed && !value.hasPrefix("//"), "\(name)=\(value) from \(markdown)")
                }
            }
        }
    }

    /// cmark's output: text escapes `<`, so each `<` opens a tag; attribute values are always
    /// double-quoted, with `"` inside escaped.
    private static func tags(in html: String) -> [(name: String, attributes: [(String, String)])] {
        var tags: [(String, [(String, String)])] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let end = rest.firstIndex(of: ">") ?? rest.endIndex
            var inside = rest[..<end].drop { $0 == "/" }
            let name = String(inside.prefix { $0.isLetter || $0.isNumber })
            inside = inside.dropFirst(name.count)
            var attributes: [(String, String)] = []
            while let equals = inside.firstIndex(of: "=") {
                let attribute = inside[..<equals].trimmingPrefix(" ")
                let afterQuote = inside[inside.index(after: equals)...].dropFirst()
                let close = afterQuote.firstIndex(of: "\"") ?? afterQuote.endIndex
                attributes.append((String(attribute), String(afterQuote[..<close])))
                inside = afterQuote[close...].dropFirst()
            }
            tags.append((name, attributes))
            rest = rest[end...]
        }
        return tags
    }
}
