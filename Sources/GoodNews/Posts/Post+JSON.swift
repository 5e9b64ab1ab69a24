import JSON

/// A post as the API answers it: `{"id", "slug", "title", …, "image": {"url", "caption"} | null, …}`.
extension Post: JSONRendering {
    /// Roughly one post of the feed (a summary and a short body), to size buffers.
    public static let typicalSize = 3_000

    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.int(id)
        writer.key("slug"); writer.string(slug)
        writer.key("title"); writer.string(title)
        writer.key("summary"); writer.string(summary)
        writer.key("body"); writer.string(body)
        writer.key("body_html"); writer.string(bodyHTML)
        writer.key("status"); writer.string(status.rawValue)
        writer.key("published_at"); writer.time(publishedAt)
        writer.key("tags"); writer.strings(tags)
        writer.key("cases"); writer.strings(cases)
        writer.key("image")
        if let image {
            writer.beginObject()
            writer.key("url"); writer.string(image.url)
            writer.key("caption"); if let caption = image.caption { writer.string(caption) } else { writer.null() }
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("created_at"); writer.time(createdAt)
        writer.key("updated_at"); writer.time(updatedAt)
        writer.endObject()
    }
}
