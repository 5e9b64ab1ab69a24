import SQLite
#if canImport(Glibc)
import Glibc
#endif

/// FTS5's `snippet(tbl, -1, open, close, ellipsis, tokens)` for one row and a query of one-token
/// phrases, made from the row's text without an FTS5 query: FTS5 must seek every term's doclist to
/// the row first, some 100 µs a row for common words, where this tokenizes the row once.
///
/// A line-by-line port of fts5_aux.c (SQLite 3.40: `fts5SnippetFunction`, `fts5SnippetScore`,
/// `fts5SentenceFinderCb`, `fts5HighlightCb`, `fts5CInstIter*`), with xInst's instances (every
/// position of a phrase's token, ordered by column, then position, then phrase) computed here. The
/// search tests compare its output with FTS5's on every query they run.
struct FTS5Snippet {
    struct Token {
        let bytes: Range<Int>
    }

    struct Column {
        let text: UnsafeRawBufferPointer
        var tokens: [Token] = []
        /// Positions of the first token of each sentence (fts5SentenceFinderCb).
        var sentenceStarts: [Int] = []
        /// (position, phrase) of each instance, in xInst order.
        var instances: [(position: Int, phrase: Int)] = []
    }

    let open: [UInt8]
    let close: [UInt8]
    let ellipsis: [UInt8]
    let tokenCount: Int

    /// The snippet of the row whose columns are `texts`, for phrases `phrases` (one token each).
    func make(_ texts: [UnsafeRawBufferPointer], phrases: [[UInt8]], tokenizer: FTS5Tokenizer) throws -> [UInt8] {
        var columns: [Column] = []
        columns.reserveCapacity(texts.count)
        for text in texts { columns.append(try FTS5Snippet.column(text, phrases, tokenizer)) }

        var bestScore = 0, bestColumn = 0, bestStart = 0, columnSize = 0
        var seen = [Bool](repeating: false, count: phrases.count)
        for (i, column) in columns.enumerated() {
            let size = column.tokens.count
            for instance in column.instances {
                let io = instance.position
                let (score, adjusted) = FTS5Snippet.score(column, size: size, seen: &seen, from: io, tokens: tokenCount)
                if score > bestScore {
                    bestScore = score; bestColumn = i; bestStart = adjusted; columnSize = size
                }
                let firsts = column.sentenceStarts
                if !firsts.isEmpty, size > tokenCount {
                    var jj = 0
                    while jj < firsts.count - 1 {
                        if firsts[jj + 1] > io { break }
                        jj += 1
                    }
                    if firsts[jj] < io {
                        var (sentenceScore, _) = FTS5Snippet.score(column, size: size, seen: &seen, from: firsts[jj],
                                                                   tokens: tokenCount)
                        sentenceScore += firsts[jj] == 0 ? 120 : 100
                        if sentenceScore > bestScore {
                            bestScore = sentenceScore; bestColumn = i; bestStart = firsts[jj]; columnSize = size
                        }
                    }
                }
            }
        }
        let column = columns[bestColumn]
        if columnSize == 0 { columnSize = column.tokens.count }
        return highlight(column, start: bestStart, columnSize: columnSize)
    }

    /// fts5SnippetScore: 1000 for each phrase's first instance in the window, 1 for each later one, and
    /// the window moved to centre the instances found.
    static func score(_ column: Column, size: Int, seen: inout [Bool], from start: Int,
                      tokens: Int) -> (score: Int, adjusted: Int) {
        for i in seen.indices { seen[i] = false }
        var score = 0, first = -1, last = 0
        let end = start + tokens
        for instance in column.instances where instance.position >= start && instance.position < end {
            score += seen[instance.phrase] ? 1 : 1000
            seen[instance.phrase] = true
            if first < 0 { first = instance.position }
            last = instance.position + 1
        }
        var adjusted = first - (tokens - (last - first)) / 2
        if adjusted + tokens > size { adjusted = size - tokens }
        if adjusted < 0 { adjusted = 0 }
        return (score, adjusted)
    }

    /// fts5HighlightCb over the window `start ..< start + tokenCount`, with the ellipses around it.
    func highlight(_ column: Column, start: Int, columnSize: Int) -> [UInt8] {
        var out: [UInt8] = []
        let text = column.text
        func append(_ range: Range<Int>) { if !range.isEmpty { out.append(contentsOf: text[range]) } }
        var iterator = Coalesced(column.instances)
        let rangeStart = start, rangeEnd = start + tokenCount - 1
        if start > 0 { out += ellipsis }
        while iterator.start >= 0 && iterator.start < start { iterator.next() }
        var offset = 0
        for (position, token) in column.tokens.enumerated() {
            if position < rangeStart || position > rangeEnd { continue }
            if rangeStart != 0 && position == rangeStart { offset = token.bytes.lowerBound }
            if position == iterator.start {
                append(offset..<token.bytes.lowerBound)
                out += open
                offset = token.bytes.lowerBound
            }
            if position == iterator.end {
                if iterator.start < rangeStart { out += open }
                append(offset..<token.bytes.upperBound)
                out += close
                offset = token.bytes.upperBound
                iterator.next()
            }
            if position == rangeEnd {
                append(offset..<token.bytes.upperBound)
                offset = token.bytes.upperBound
                if position >= iterator.start && position < iterator.end { out += close }
            }
        }
        if rangeEnd >= columnSize - 1 {
            append(offset..<text.count)
        } else {
            out += ellipsis
        }
        return out
    }

    /// fts5CInstIter: runs of overlapping instances (one-token phrases: those at one position).
    struct Coalesced {
        let instances: [(position: Int, phrase: Int)]
        var index = 0
        var start = -1
        var end = -1

        init(_ instances: [(position: Int, phrase: Int)]) {
            self.instances = instances
            next()
        }

        mutating func next() {
            start = -1
            end = -1
            while index < instances.count {
                let position = instances[index].position
                if start < 0 {
                    start = position
                    end = position
                } else if position <= end {
                    end = max(end, position)
                } else {
                    break
                }
                index += 1
            }
        }
    }

    /// One tokenization of a column: its tokens, sentence starts and phrase instances.
    static func column(_ text: UnsafeRawBufferPointer, _ phrases: [[UInt8]], _ tokenizer: FTS5Tokenizer) throws -> Column {
        var flat: [UInt8] = []
        var bounds: [Range<Int>] = []
        for phrase in phrases {
            bounds.append(flat.count..<flat.count + phrase.count)
            flat += phrase
        }
        return try flat.withUnsafeBytes { flat in
            try bounds.withUnsafeBufferPointer { bounds in
                var sink = ColumnSink(column: Column(text: text), phrases: flat, bounds: bounds)
                sink.column.tokens.reserveCapacity(text.count / 5)
                try withUnsafeMutablePointer(to: &sink) { pointer in
                    try tokenizer.tokenize(text, context: pointer) { context, _, token, length, start, end in
                        let sink = context!.assumingMemoryBound(to: ColumnSink.self)
                        sink.pointee.add(UnsafeRawBufferPointer(start: token, count: Int(length)), Int(start)..<Int(end))
                        return 0
                    }
                }
                return sink.column
            }
        }
    }

    private struct ColumnSink {
        var column: Column
        let phrases: UnsafeRawBufferPointer
        let bounds: UnsafeBufferPointer<Range<Int>>

        mutating func add(_ token: UnsafeRawBufferPointer, _ bytes: Range<Int>) {
            let position = column.tokens.count
            // fts5SentenceFinderCb: a token after white space that follows '.' or ':' starts a sentence.
            if position > 0 {
                let text = column.text
                var i = bytes.lowerBound - 1
                var c: UInt8 = 0
                while i >= 0 {
                    c = text[i]
                    if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { break }
                    i -= 1
                }
                if i != bytes.lowerBound - 1 && (c == 0x2E || c == 0x3A) { column.sentenceStarts.append(position) }
            } else {
                column.sentenceStarts.append(0)
            }
            for phrase in 0..<bounds.count where bounds[phrase].count == token.count {
                if memcmp(phrases.baseAddress! + bounds[phrase].lowerBound, token.baseAddress!, token.count) == 0 {
                    column.instances.append((position, phrase))
                }
            }
            column.tokens.append(Token(bytes: bytes))
        }
    }
}
