import Markdown
import Testing

/// Inputs of the 200,000 characters a body may hold, shaped to make a Markdown parser slow or
/// big (cmark's own pathological tests, and the shapes on which cmark-gfm 0.29.0.gfm.6 is
/// superlinear). Each renders, or is refused, well within the deadline; without the complexity
/// check the refused ones take from seconds to minutes, or abort the process.
/// The most a post body or case description may hold.
private let size = 200_000

@Suite(.serialized) struct AdversarialTests {
    /// Generous for a 2-core machine running other suites at once; the refused shapes take
    /// 5 s to several minutes when cmark is let at them.
    static let deadline = Duration.seconds(2)

    struct Shape: Sendable, CustomTestStringConvertible {
        let name: String
        let refusal: MarkdownError?
        let text: @Sendable () -> String
        var testDescription: String { name }

        init(_ name: String, _ refusal: MarkdownError? = nil, _ text: @escaping @Sendable () -> String) {
            (self.name, self.refusal, self.text) = (name, refusal, text)
        }
        /// `unit` repeated to fill `size` between `prefix` and `suffix`.
        init(_ name: String, _ refusal: MarkdownError? = nil, repeating unit: String, prefix: String = "", suffix: String = "") {
            self.init(name, refusal) {
                prefix + String(repeating: unit, count: (size - prefix.utf8.count - suffix.utf8.count) / unit.utf8.count) + suffix
            }
        }
    }

    static let renderable: [Shape] = [
        Shape("nested strong emphasis") { String(repeating: "*a **a ", count: 14_000) + "b" + String(repeating: " a** a*", count: 14_000) },
        Shape("emphasis closers", repeating: "a_ "), Shape("emphasis openers", repeating: "_a "),
        Shape("triple emphasis", repeating: "a***"), Shape("mismatched emphasis", repeating: "*a_ "),
        Shape("multiple of 3", repeating: "c* ", prefix: "a**b"), Shape("star run", repeating: "*"),
        Shape("underscore run", repeating: "_", prefix: "a"), Shape("tilde run", repeating: "~"),
        Shape("strikethrough openers", repeating: "~a "), Shape("double strikethrough", repeating: "~~a "),
        Shape("link closers", repeating: "a]"), Shape("link openers", repeating: "[a"),
        Shape("link openers and emphasis", repeating: "[ a_"), Shape("broken link titles", repeating: "[ (]("),
        Shape("nested brackets") { String(repeating: "[", count: size / 2 - 1) + "a" + String(repeating: "]", count: size / 2 - 1) },
        Shape("nested invalid references") {
            String(repeating: "[", count: 99_000) + String(repeating: "]", count: 99_000) + "\n\n[a]: /b"
        },
        Shape("unclosed links", repeating: "[a](b "), Shape("unclosed pointy links", repeating: "[a](<b "),
        Shape("many links", repeating: "[t](/u) "), Shape("emphasis in links", repeating: "[*a](b) "),
        Shape("many references") { (1...12_000).map { "[\($0)]: /u\n\n" }.joined() + String(repeating: "[7] ", count: 10_000) },
        Shape("nested block quotes", repeating: "> ", suffix: "a"), Shape("quote markers", repeating: ">"),
        Shape("lazy quote", repeating: "b\n", prefix: "> a\n"), Shape("broken thematic break", repeating: "* ", suffix: "a"),
        Shape("nested lists", repeating: "- ", suffix: "a"), Shape("nested ordered lists", repeating: "1. ", suffix: "a"),
        Shape("deeply indented lists") { (0..<440).map { String(repeating: "  ", count: $0) + "* a\n" }.joined() },
        Shape("backticks") { (1..<630).map { "e" + String(repeating: "`", count: $0) }.joined() },
        Shape("escaped backticks", repeating: "\\`` "), Shape("html openers", repeating: "<> "),
        Shape("processing instructions", repeating: "<? "), Shape("CDATA openers", repeating: "<![CDATA[\n"),
        Shape("comment openers", repeating: "<!-- "), Shape("declarations", repeating: "<!A "),
        Shape("autolink openers", repeating: "<http://a "), Shape("www words", repeating: "www.a "),
        Shape("e-mail addresses", repeating: "a@b.org "), Shape("URLs", repeating: "https://example.org/a "),
        Shape("one-column table rows", repeating: "| b |\n", prefix: "| a |\n|---|\n"),
        Shape("empty table rows", repeating: "|\n", prefix: "a|b\n-|-\n"),
        Shape("100-column table") { String(repeating: "|a", count: 100) + "\n" + String(repeating: "|-", count: 100) + "\n"
            + String(repeating: String(repeating: "|", count: 100) + "\n", count: 1_900) },
    ]

    static let refusable: [Shape] = [
        Shape("processing instructions without spaces", .denseText, repeating: "<?", prefix: "x"),
        Shape("CDATA openers without spaces", .denseText, repeating: "<![CDATA[", prefix: "x"),
        Shape("autolink openers without spaces", .denseText, repeating: "http://a<"),
        Shape("www without spaces", .denseText, repeating: "www._", suffix: "x"),
        Shape("www with closing parentheses", .denseText, repeating: ")", prefix: "www.a.b/"),
        Shape("URL with closing parentheses", .denseText, repeating: ")", prefix: "http://a.b/"),
        Shape("e-mail without spaces", .denseText, repeating: "a@"),
        Shape("wide table", .wideTableRow) {
            String(repeating: "th|", count: 10_000) + "\n" + String(repeating: "-|", count: 10_000) + "\n"
                + String(repeating: "td\n", count: 30_000)
        },
        Shape("wide delimiter row", .wideTableRow) { String(repeating: "a", count: 100) + "\n" + String(repeating: "|-", count: 99_000) },
        Shape("wide table row", .wideTableRow, repeating: "|", prefix: "a|b\n-|-\n"),
        Shape("padded table", .largeTable) {
            String(repeating: "th|", count: 2_000) + "\n" + String(repeating: "-|", count: 2_000) + "\n"
                + String(repeating: "td\n", count: 60_000)
        },
        Shape("padded table, CRLF line endings", .largeTable) {
            String(repeating: "th|", count: 2_000) + "\r\n" + String(repeating: "-|", count: 2_000) + "\r\n"
                + String(repeating: "td\r\n", count: 40_000)
        },
        Shape("padded table, CR line endings", .largeTable) {
            String(repeating: "th|", count: 2_000) + "\r" + String(repeating: "-|", count: 2_000) + "\r"
                + String(repeating: "td\r", count: 60_000)
        },
        Shape("repeated reference", .repeatedReferences) {
            "[a]: http://" + String(repeating: "x", count: 100_000) + "\n\n" + String(repeating: "[a]", count: 33_000)
        },
    ]

    /// Just inside each budget: still quick.
    static let atTheLimits: [Shape] = [
        Shape("dense runs") { String(repeating: String(repeating: "www._", count: 200) + " ", count: 99) },
        Shape("dense inline HTML") { String(repeating: "x" + String(repeating: "<?", count: 1_000) + " ", count: 9) },
        Shape("long autolink with closing parentheses") { "www.a.b/" + String(repeating: ")", count: 4_400) },
        Shape("wide table row") { "a|b\n-|-\n" + String(repeating: "|", count: 4_400) },
        Shape("padded table") {
            String(repeating: "th|", count: 1_000) + "\n" + String(repeating: "-|", count: 1_000) + "\n"
                + String(repeating: "td\n", count: 199)
        },
        Shape("repeated reference") {
            "[a]: http://" + String(repeating: "x", count: 1_000) + "\n\n" + String(repeating: "[a] ", count: 8_000)
        },
    ]

    /// The budgets leave room: a long post of every ordinary kind renders.
    @Test func longOrdinaryPost() throws {
        var post = ""
        for section in 1...50 {
            post += "## Section \(section): news from the [campaign][c\(section % 80)]\n\n"
            for _ in 1...2 {
                post += "On 12 March the court in Quito ordered the release of **María Quiñones** (held since 2021). "
                    + "More than [6,000 supporters](https://example.org/cases/maria-quinones?ref=post&utm_source=news) "
                    + "wrote letters; see www.example.org/updates, write to news@example.org, or read "
                    + "<https://en.wikipedia.org/wiki/Human_rights_(disambiguation)>. ~~Pending~~ decided: *free*.\n\n"
            }
            post += "- letters: 6,214\n- petitions: 12,030\n- visits: 41 ([report](/posts/visits-\(section)))\n\n"
        }
        post += "| country | letters | petitions | visits | status | link |\n|:--|--:|--:|--:|:-:|---|\n"
        post += String(repeating: "| Ecuador | 6,214 | 12,030 | 41 | freed | [case](/cases/maria) |\n", count: 300) + "\n"
        post += "```\n" + String(repeating: "cat letters.csv | sort | uniq -c | sort -rn | head -n 20 # a|b\n", count: 200) + "```\n\n"
        post += (0..<80).map { "[c\($0)]: https://example.org/campaigns/\($0) \"Campaign \($0)\"\n" }.joined()
        #expect(post.unicodeScalars.count <= size)
        let clock = ContinuousClock()
        let start = clock.now
        let html = try Markdown.html(from: post)
        #expect(clock.now - start < Self.deadline)
        #expect(html.contains("<a href=\"https://example.org/campaigns/7\" title=\"Campaign 7\">campaign</a>"))
        #expect(html.split(separator: "<tr>").count == 302)
    }

    @Test(arguments: renderable + atTheLimits)
    func renders(_ shape: Shape) throws {
        let text = shape.text()
        let clock = ContinuousClock()
        let start = clock.now
        let html = try Markdown.html(from: text)
        let elapsed = clock.now - start
        #expect(elapsed < Self.deadline, "\(shape.name): \(elapsed)")
        #expect(!html.isEmpty)
    }

    @Test(arguments: refusable)
    func refused(_ shape: Shape) throws {
        let text = shape.text()
        let refusal = try #require(shape.refusal)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: refusal) { try Markdown.html(from: text) }
        #expect(clock.now - start < Self.deadline, "\(shape.name)")
    }
}
