import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A strict, namespace-aware reading of an Atom feed with Foundation's XMLParser (expat): it fails on
/// anything that is not well-formed XML, and collects the elements a feed reader needs.
final class AtomParser: NSObject, XMLParserDelegate {
    struct Link: Equatable { var rel: String?; var type: String?; var href: String? }

    struct Entry {
        var id = "", title = "", titleType: String?, updated = "", published = "", summary = "", content = ""
        var contentType: String?
        var links: [Link] = []
        var categories: [String] = []
    }

    struct Feed {
        var id = "", title = "", updated = "", authorName = "", generator = ""
        var links: [Link] = []
        var entries: [Entry] = []
        /// Every element seen in the Atom namespace directly under `feed` (for required-element checks).
        var feedChildren: [String] = []
    }

    static let namespace = "http://www.w3.org/2005/Atom"

    private(set) var feed = Feed()
    private(set) var rootName: String?
    private(set) var rootNamespace: String?
    private var path: [String] = []
    private var text = ""
    private var entry: Entry?
    private var foreign = false

    /// The parsed feed, or the parser's error (with line and column) when the XML is not well-formed.
    static func parse(_ bytes: [UInt8]) throws -> (feed: Feed, root: String?, namespace: String?) {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        let delegate = AtomParser()
        parser.delegate = delegate
        guard parser.parse() else {
            throw AtomParseError(description: "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber), column \(parser.columnNumber)")
        }
        return (delegate.feed, delegate.rootName, delegate.rootNamespace)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if path.isEmpty { rootName = name; rootNamespace = namespaceURI }
        foreign = namespaceURI != AtomParser.namespace
        path.append(name)
        text = ""
        if path.count == 2, !foreign { feed.feedChildren.append(name) }
        switch (path.count, name) {
        case (2, "entry"): entry = Entry()
        case (2, "link"): feed.links.append(Link(rel: attributes["rel"], type: attributes["type"], href: attributes["href"]))
        case (3, "link"): entry?.links.append(Link(rel: attributes["rel"], type: attributes["type"], href: attributes["href"]))
        case (3, "category"): if let term = attributes["term"] { entry?.categories.append(term) }
        case (3, "content"): entry?.contentType = attributes["type"]
        case (3, "title"): entry?.titleType = attributes["type"]
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch (path.count, name) {
        case (2, "id"): feed.id = text
        case (2, "title"): feed.title = text
        case (2, "updated"): feed.updated = text
        case (2, "generator"): feed.generator = text
        case (3, "name") where path[1] == "author": feed.authorName = text
        case (3, "id"): entry?.id = text
        case (3, "title"): entry?.title = text
        case (3, "updated"): entry?.updated = text
        case (3, "published"): entry?.published = text
        case (3, "summary"): entry?.summary = text
        case (3, "content"): entry?.content = text
        case (2, "entry"): if let entry { feed.entries.append(entry) }; entry = nil
        default: break
        }
        path.removeLast()
        text = ""
    }
}

struct AtomParseError: Error, CustomStringConvertible { let description: String }
