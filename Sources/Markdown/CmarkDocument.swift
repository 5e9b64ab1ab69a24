import CCmark
import Glibc
import Threads

/// One parsed text: owns cmark's parser and document tree, both freed exactly once in `deinit`;
/// no pointer leaves it. Used by one thread at a time.
final class CmarkDocument {
    /// Extensions attached to every parser. Not `tagfilter`: it only filters raw HTML, which
    /// `removeUnsafeMarkup` has already turned into text.
    private static let extensions = ["table", "autolink", "strikethrough"]

    private let parser: OpaquePointer
    private let root: OpaquePointer

    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(MarkdownError) {
        let parsed = CmarkRuntime.shared.parse(bytes, extensions: Self.extensions)
        guard let parser = parsed.parser else { throw .outOfMemory }
        guard let root = parsed.root else {
            cmark_parser_free(parser)
            throw .outOfMemory
        }
        self.parser = parser
        self.root = root
    }

    deinit {
        // cmark_parser_finish handed the tree over (the parser no longer points to it), so
        // each is freed once, by its own function.
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Turns raw HTML into text and unwraps links and images whose destination `LinkPolicy`
    /// refuses.
    func removeUnsafeMarkup() throws(MarkdownError) {
        guard let iterator = cmark_iter_new(root) else { throw .outOfMemory }
        defer { cmark_iter_free(iterator) }
        // The tree is changed only after the walk: cmark allows changes to the node just entered,
        // but a replaced node would take the iterator's position with it.
        var htmlNodes: [OpaquePointer] = []
        var refusedLinks: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                htmlNodes.append(node)
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = Self.bytes(cmark_node_get_url(node))
                let allowed = type == CMARK_NODE_LINK ? LinkPolicy.allowsLink(url) : LinkPolicy.allowsImage(url)
                if !allowed { refusedLinks.append(node) }
            }
        }
        for node in htmlNodes { try Self.replaceWithText(node) }
        for node in refusedLinks { Self.unwrap(node) }
    }

    /// The document as HTML.
    func html() throws(MarkdownError) -> String {
        let options = goodnews_cmark_options()
        guard let rendered = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw .outOfMemory
        }
        // Allocated with the default allocator, the one cmark_parser_new uses: plain free().
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// An HTML block becomes a paragraph of its source text, inline HTML a text node: the
    /// renderer escapes text, so `<script>` shows as typed.
    private static func replaceWithText(_ node: OpaquePointer) throws(MarkdownError) {
        var literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { throw .outOfMemory }
        var replacement = text
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            while literal.last?.isNewline == true { literal.removeLast() }
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else {
                cmark_node_free(text)
                throw .outOfMemory
            }
            cmark_node_append_child(paragraph, text)
            replacement = paragraph
        }
        cmark_node_set_literal(text, literal)
        // cmark_node_replace unlinks `node` without freeing it. It cannot fail here (text goes
        // wherever inline HTML can, a paragraph wherever an HTML block can); if it did, the raw
        // node would stay and the renderer would print "<!-- raw HTML omitted -->".
        if cmark_node_replace(node, replacement) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(replacement)
        }
    }

    /// Moves a link's children (its text, or an image's description) in front of it, then
    /// frees the emptied link.
    private static func unwrap(_ node: OpaquePointer) {
        // Whatever holds a link holds inlines, so the move cannot fail; if it did, the children
        // left behind go with the link rather than loop here.
        while let child = cmark_node_first_child(node), cmark_node_insert_before(node, child) == 1 {}
        cmark_node_free(node)
    }

    private static func bytes(_ text: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let text else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self),
                                   count: strlen(text))
    }
}

/// cmark-gfm's process-wide state: the extension registry, filled once, and the lock that
/// keeps parses apart.
private final class CmarkRuntime: Sendable {
    static let shared = CmarkRuntime()

    /// A parse writes cmark's global table of special inline characters: it adds its
    /// extensions' characters (`~`, `:`, `w`, …) when inline parsing starts and removes them
    /// when it ends, so a parse finishing on one thread blinds another mid-way (strikethrough
    /// and autolinks silently missed; github/cmark-gfm#176). Parses take turns; rendering and
    /// the tree walk, which touch only their own document, run in parallel.
    private let parseLock = Locked(())

    private init() {
        goodnews_cmark_register_extensions()
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, extensions: [String]) -> (parser: OpaquePointer?, root: OpaquePointer?) {
        guard let parser = cmark_parser_new(goodnews_cmark_options()) else { return (nil, nil) }
        // A name not registered would leave its syntax plain text; the tests of each extension
        // would show it.
        for name in extensions { _ = goodnews_cmark_attach(parser, name) }
        var root: OpaquePointer?
        parseLock.withLock { _ in
            if let start = bytes.baseAddress, !bytes.isEmpty {
                start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    cmark_parser_feed(parser, $0, bytes.count)
                }
            }
            root = cmark_parser_finish(parser)
        }
        return (parser, root)
    }
}
