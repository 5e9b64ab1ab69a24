import Crypto

/// Renders an Atom 1.0 (RFC 4287) feed of posts.
///
/// Identity: the feed's `id` is its own URL (`<base>/v1/feed.atom`); each entry's `id` is a name-based
/// (version 5) `urn:uuid:` of the post's id and creation time, so it never changes when the post is
/// edited, renamed (new slug) or served under another host name. Text is `type="text"` (the body is
/// Markdown, sent as it is), XML-escaped, with characters XML 1.0 forbids dropped.
public struct AtomFeed {
    let baseURL: String
    var title = "Good News"
    var subtitle = "Good news from our human-rights campaigns: people freed, cases won, supporters heard."

    public init(baseURL: String) { self.baseURL = baseURL }

    public func render(_ entries: [FeedEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096 + entries.reduce(0) { $0 + $1.body.utf8.count + $1.summary.utf8.count + 512 })
        let selfURL = baseURL + "/v1/feed.atom"
        let updated = entries.map { max($0.updatedAt, $0.publishedAt) }.max() ?? 0
        raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n", &out)
        element("id", selfURL, &out)
        element("title", title, attributes: [("type", "text")], &out)
        element("subtitle", subtitle, attributes: [("type", "text")], &out)
        element("updated", Timestamp(seconds: updated).rfc3339, &out)
        link(rel: "self", type: "application/atom+xml", href: selfURL, &out)
        link(rel: "alternate", type: "text/html", href: baseURL + "/", &out)
        raw("<author><name>", &out)
        MarkupEscaping.appendEscaped(title, to: &out)
        raw("</name></author>\n", &out)
        element("generator", "goodnews", &out)
        for entry in entries { render(entry, &out) }
        raw("</feed>\n", &out)
        return out
    }

    private func render(_ entry: FeedEntry, _ out: inout [UInt8]) {
        raw("<entry>\n", &out)
        element("id", AtomFeed.entryID(entry), &out)
        element("title", entry.title, attributes: [("type", "text")], &out)
        link(rel: "alternate", type: "application/json", href: baseURL + "/v1/posts/" + entry.slug, &out)
        link(rel: "alternate", type: "text/html", href: baseURL + "/posts/" + entry.slug, &out)
        element("published", Timestamp(seconds: entry.publishedAt).rfc3339, &out)
        element("updated", Timestamp(seconds: max(entry.updatedAt, entry.publishedAt)).rfc3339, &out)
        if !entry.summary.isEmpty { element("summary", entry.summary, attributes: [("type", "text")], &out) }
        element("content", entry.body, attributes: [("type", "text")], &out)
        for tag in entry.tags {
            raw("<category term=\"", &out)
            MarkupEscaping.appendEscaped(tag, to: &out)
            raw("\"/>\n", &out)
        }
        raw("</entry>\n", &out)
    }

    /// `urn:uuid:` + a version 5 UUID (SHA-1, RFC 9562 §5.5) of the post's id and creation time.
    static func entryID(_ entry: FeedEntry) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array("post:\(entry.id):\(entry.createdAt)".utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
                     hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "urn:uuid:" + parts.joined(separator: "-")
    }

    /// This application's UUID namespace (random, fixed forever: changing it changes every entry id).
    private static let namespace: [UInt8] = [
        0x6b, 0x1e, 0x2f, 0x4a, 0x93, 0xd0, 0x4c, 0x5e, 0x8a, 0x27, 0x0f, 0x61, 0xc4, 0x3b, 0x9d, 0x12,
    ]

    private func element(_ name: String, _ text: String, attributes: [(String, String)] = [], _ out: inout [UInt8]) {
        raw("<" + name, &out)
        for (key, value) in attributes {
            raw(" " + key + "=\"", &out)
            MarkupEscaping.appendEscaped(value, to: &out)
            raw("\"", &out)
        }
        raw(">", &out)
        MarkupEscaping.appendEscaped(text, to: &out)
        raw("</" + name + ">\n", &out)
    }

    private func link(rel: String, type: String, href: String, _ out: inout [UInt8]) {
        raw("<link rel=\"\(rel)\" type=\"\(type)\" href=\"", &out)
        MarkupEscaping.appendEscaped(href, to: &out)
        raw("\"/>\n", &out)
    }

    private func raw(_ text: String, _ out: inout [UInt8]) { out.append(contentsOf: text.utf8) }
}
