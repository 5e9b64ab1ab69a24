import JSON

/// `{"posts_published", "cases": {"active", "resolved", "closed"}, "actions_total"}`.
extension SiteStats {
    public var json: [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("posts_published"); writer.int(postsPublished)
        writer.key("cases")
        writer.beginObject()
        writer.key("active"); writer.int(casesActive)
        writer.key("resolved"); writer.int(casesResolved)
        writer.key("closed"); writer.int(casesClosed)
        writer.endObject()
        writer.key("actions_total"); writer.int(actionsTotal)
        writer.endObject()
        return writer.bytes
    }
}
