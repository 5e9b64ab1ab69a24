/// Why a text was not rendered. `message` is written for the editor who wrote it.
public enum MarkdownError: Error, Equatable, Sendable {
    /// More than `Markdown.maxInputBytes` of UTF-8.
    case tooLong(maxBytes: Int)
    /// A run of text without spaces too long or too full of `<`, `@`, `:`, `)` or `.`.
    case denseText
    /// A line with too many `|`, which the table extension splits into cells.
    case wideTableRow
    /// A table with too many cells, counting those that short rows are padded with.
    case largeTable
    /// Link references that repeat long destinations or titles too often.
    case repeatedReferences
    /// cmark could not allocate memory.
    case outOfMemory

    public var message: String {
        switch self {
        case .tooLong(let maxBytes):
            "must be at most \(maxBytes) bytes of UTF-8"
        case .denseText:
            "has a run of text without spaces that is too long to render; add spaces or line breaks"
        case .wideTableRow:
            "has a line with too many `|` table cells"
        case .largeTable:
            "has a table with too many cells"
        case .repeatedReferences:
            "repeats link references too often: their addresses add up to too much text"
        case .outOfMemory:
            "could not be rendered: out of memory"
        }
    }
}
