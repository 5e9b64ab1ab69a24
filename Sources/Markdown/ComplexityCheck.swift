/// Refuses the shapes of input on which cmark-gfm 0.29.0.gfm.6, the version Debian 12 ships,
/// needs more than linear time or memory (later releases, from 0.29.0.gfm.7 on, fix them; with
/// one of those this check can go). One pass over the bytes over-estimates the work each shape
/// costs; the budgets are far above what real posts reach and far below what hurts (the
/// adversarial tests in MarkdownTests measure both sides):
///
/// - **Runs of text without spaces.** From each `www.`, `:`, `@` and `<` (autolinks, inline
///   HTML such as `<?` or `<![CDATA[`) cmark scans on through the run, and it trims each closing
///   `)` off an autolink by recounting the link: about (`<`, `@`, `:`, `)`, `.` in the run) ×
///   (run length). 200,000 bytes of `www._` took 100 s.
/// - **Table rows.** The table extension appends each cell to a list by walking the list:
///   n² for a line of n `|`. One line of 25,000 `|` took 4.7 s.
/// - **Table size.** Short rows are padded with empty cells up to the delimiter row's width:
///   10,000 columns of one-cell rows ran the machine out of memory.
/// - **Reference links** repeat their destination at every use; that is measured on the parsed
///   tree (`CmarkDocument.removeUnsafeMarkup`), against `maxExtraLinkBytes`.
struct ComplexityCheck {
    /// Σ over runs without spaces of (`<` `@` `:` `)` `.` in the run) × (run length).
    static let maxRunWork = 20_000_000
    /// Σ over lines of (`|` in the line)².
    static let maxRowWork = 20_000_000
    /// Σ over lines that follow a delimiter row (`|---|:-:|`), up to the next blank line, of
    /// that row's width.
    static let maxTableCells = 200_000
    /// How many bytes of link destinations and titles the tree may hold beyond the source's
    /// own size (cmark's later releases allow max(source size, 100,000)).
    static let maxExtraLinkBytes = 1 << 20

    private var runLength = 0, runTriggers = 0, runWork = 0
    private var linePipes = 0, lineIsBlank = true, lineIsDelimiter = true, lineHasDash = false
    private var rowWork = 0, tableWidth = 0, tableCells = 0
    private var afterCarriageReturn = false

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(MarkdownError) {
        var check = ComplexityCheck()
        for byte in bytes { try check.add(byte) }
        try check.endLine()
    }

    private mutating func add(_ byte: UInt8) throws(MarkdownError) {
        switch byte {
        case UInt8(ascii: "\n"):
            // `\r\n` ends one line, not two: a second, empty line would look blank and end the table.
            if afterCarriageReturn { afterCarriageReturn = false; return }
            try endLine()
        case UInt8(ascii: "\r"):
            try endLine()
            afterCarriageReturn = true
            return
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            try endRun()
        default:
            runLength += 1
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "."):
                runTriggers += 1
            default: break
            }
            lineIsBlank = false
            switch byte {
            case UInt8(ascii: "|"): linePipes += 1
            case UInt8(ascii: "-"): lineHasDash = true
            case UInt8(ascii: ":"), UInt8(ascii: ">"): break
            default: lineIsDelimiter = false
            }
        }
        afterCarriageReturn = false
    }

    private mutating func endRun() throws(MarkdownError) {
        runWork += runTriggers * runLength
        runLength = 0
        runTriggers = 0
        if runWork > Self.maxRunWork { throw .denseText }
    }

    private mutating func endLine() throws(MarkdownError) {
        try endRun()
        rowWork += linePipes * linePipes
        if rowWork > Self.maxRowWork { throw .wideTableRow }
        if lineIsBlank {
            tableWidth = 0
        } else if lineIsDelimiter && lineHasDash && linePipes > 0 {
            tableWidth = max(tableWidth, linePipes + 1)
        } else {
            tableCells += tableWidth
            if tableCells > Self.maxTableCells { throw .largeTable }
        }
        linePipes = 0
        lineIsBlank = true
        lineIsDelimiter = true
        lineHasDash = false
    }
}
