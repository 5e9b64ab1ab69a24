/// Refuses the shapes of input on which cmark-gfm 0.29.0.gfm.6, the version Debian 12 ships,
/// needs more than linear time or memory (later releases, from 0.29.0.gfm.7 on, fix them; with
/// one of those this check can go). One pass over the bytes over-estimates the work each shape
/// costs; the budgets are far above what real posts reach and far below what hurts (the
/// adversarial tests in MarkdownTests measure both sides):
///
/// - **Runs of text without spaces.** From each `www.`, `:`, `@` and `<` (autolinks, inline
///   HTML such as `<?` or `<![CDATA[`) cmark scans on through the run, and it trims each closing
///   `)` off an autolink by recounting the link: about (`<`, `@`, `:`, `)`, `.` in the run) ×
///   (run length). 200,000 bytes of `www._` took 45 s.
/// - **Table rows.** The table extension splits a row in time quadratic in its `|`: a line of
///   200,000 `|` took 8 s.
/// - **Table size.** Short rows are padded with empty cells up to the delimiter row's width:
///   2,000 columns over 60,000 one-cell rows grew past 4 GB, and cmark abort()s when an
///   allocation fails.
/// - **Reference links.** Each use copies the definition's destination and title, in memory and
///   into the output, without the limit later releases have: `[a]` 33,000 times after a
///   100,000-byte definition reached 2.8 GB, and cmark abort()s once its output passes 1 GiB.
struct ComplexityCheck {
    /// Σ over runs without spaces of (`<` `@` `:` `)` `.` in the run) × (run length).
    static let maxRunWork = 20_000_000
    /// Σ over lines of (`|` in the line)².
    static let maxRowWork = 20_000_000
    /// Σ over lines that follow a delimiter row (`|---|:-:|`), up to the next blank line, of
    /// that row's width.
    static let maxTableCells = 200_000
    /// (`]` in the text, each a possible use) × (the longest possible definition: from a line
    /// holding `]:` to the next blank line, as a title may run over lines).
    static let maxReferenceBytes = 8 << 20

    private var runLength = 0, runTriggers = 0, runWork = 0
    private var linePipes = 0, lineIsBlank = true, lineIsDelimiter = true, lineHasDash = false
    private var rowWork = 0, tableWidth = 0, tableCells = 0
    private var offset = 0, lineStart = 0, previous: UInt8 = 0, lineHasDefinition = false
    private var closingBrackets = 0, definitionStart: Int?, longestDefinition = 0
    private var afterCarriageReturn = false

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(MarkdownError) {
        var check = ComplexityCheck()
        for byte in bytes { try check.add(byte) }
        try check.endLine()
        try check.endChunk()
    }

    private mutating func add(_ byte: UInt8) throws(MarkdownError) {
        defer { offset += 1; previous = byte }
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
            case UInt8(ascii: ":"): lineHasDefinition = lineHasDefinition || previous == UInt8(ascii: "]")
            case UInt8(ascii: ">"): break
            case UInt8(ascii: "]"): closingBrackets += 1; lineIsDelimiter = false
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
        if lineHasDefinition, definitionStart == nil { definitionStart = lineStart }
        if lineIsBlank {
            try endChunk()
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
        lineHasDefinition = false
        lineStart = offset + 1
    }

    /// At a blank line or the end: tables and reference definitions end here.
    private mutating func endChunk() throws(MarkdownError) {
        tableWidth = 0
        if let start = definitionStart {
            longestDefinition = max(longestDefinition, offset - start)
            definitionStart = nil
        }
        if closingBrackets * longestDefinition > Self.maxReferenceBytes { throw .repeatedReferences }
    }
}
