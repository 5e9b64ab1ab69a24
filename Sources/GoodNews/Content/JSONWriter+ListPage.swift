import JSON

/// The frame of a list page, `{"data":[…],"next_cursor":…}`, around the items a store writes.
extension JSONWriter {
    /// Opens the page and its `data` array.
    mutating func beginPage() {
        beginObject()
        key("data")
        beginArray()
    }

    /// Closes `data` and the page, with `next_cursor` (null on the last page).
    mutating func endPage(nextCursor: String?) {
        endArray()
        key("next_cursor")
        if let nextCursor { string(nextCursor) } else { null() }
        endObject()
    }
}
