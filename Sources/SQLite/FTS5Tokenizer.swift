import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One of FTS5's tokenizers, called directly: code that keeps its own index beside an FTS5 table splits
/// text with it, so a word is a token there exactly when it is one in the table (case folding and
/// `remove_diacritics` included).
///
/// Owned by a connection (FTS5 keeps the tokenizer modules there): use it while that connection is
/// open, from one thread at a time, and `close()` it before the connection.
public final class FTS5Tokenizer {
    private var tokenizer = goodnews_fts5_tokenizer()
    public let connection: Connection

    /// `name` and `arguments` as in a table's `tokenize = 'unicode61 remove_diacritics 2'`.
    public init(connection: Connection, name: String, arguments: [String] = []) throws {
        self.connection = connection
        let handle = try connection.openHandle()
        var strings = arguments.map { strdup($0) }
        defer { for string in strings { free(string) } }
        let rc = strings.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) {
                goodnews_fts5_tokenizer_open(handle, name, $0, CInt(arguments.count), &tokenizer)
            }
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, connection: handle, sql: "tokenizer \(name) \(arguments.joined(separator: " "))")
        }
    }

    deinit { goodnews_fts5_tokenizer_close(&tokenizer) }

    public func close() { goodnews_fts5_tokenizer_close(&tokenizer) }

    /// Calls `body` with each token of `text` (folded bytes, valid only during the call), in order.
    public func tokenize(_ text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        try tokenize(text) { token, _ in body(token) }
    }

    /// The same, with where each token was in `text` (byte offsets, end excluded).
    public func tokenize(_ text: UnsafeRawBufferPointer,
                         _ body: (UnsafeRawBufferPointer, Range<Int>) -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var box = TokenSink(body: body)
            let rc = withUnsafeMutablePointer(to: &box) { sink in
                goodnews_fts5_tokenize(&tokenizer, sink, text.baseAddress?.assumingMemoryBound(to: CChar.self),
                                       CInt(text.count)) { context, _, token, length, start, end in
                    let sink = context!.assumingMemoryBound(to: TokenSink.self)
                    sink.pointee.body(UnsafeRawBufferPointer(start: token, count: Int(length)), Int(start)..<Int(end))
                    return SQLITE_OK
                }
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: nil, sql: "FTS5 tokenizer") }
        }
    }

    /// A C function told each token: (context, flags, token, token length, start offset, end offset),
    /// returning SQLITE_OK to go on. For loops that must not pay for a Swift closure per token.
    public typealias TokenCallback = @convention(c) (UnsafeMutableRawPointer?, CInt, UnsafePointer<CChar>?, CInt,
                                                     CInt, CInt) -> CInt

    public func tokenize(_ text: UnsafeRawBufferPointer, context: UnsafeMutableRawPointer,
                         callback: TokenCallback) throws {
        let rc = goodnews_fts5_tokenize(&tokenizer, context, text.baseAddress?.assumingMemoryBound(to: CChar.self),
                                        CInt(text.count), callback)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: nil, sql: "FTS5 tokenizer") }
    }

    public func tokenize(_ text: String, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        var text = text
        try text.withUTF8 { try tokenize(UnsafeRawBufferPointer($0), body) }
    }

    /// The tokens of `text`, as byte arrays.
    public func tokens(_ text: String) throws -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        try tokenize(text) { tokens.append(Array($0)) }
        return tokens
    }

    private struct TokenSink {
        let body: (UnsafeRawBufferPointer, Range<Int>) -> Void
    }
}
