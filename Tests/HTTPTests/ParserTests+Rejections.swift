import HTTP
import Testing

struct InvalidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var status: Int
    var close = true
    /// Requests answered before the refusal (pipelining).
    var requestsBefore = 0
    var small = false
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ status: Int, close: Bool = true, requestsBefore: Int = 0,
         small: Bool = false) {
        self.init(name, Array(text.utf8), status, close: close, requestsBefore: requestsBefore, small: small)
    }

    init(_ name: String, _ bytes: [UInt8], _ status: Int, close: Bool = true, requestsBefore: Int = 0,
         small: Bool = false) {
        self.name = name
        self.bytes = bytes
        self.status = status
        self.close = close
        self.requestsBefore = requestsBefore
        self.small = small
    }

    var limits: ParserLimits { small ? smallLimits() : ParserLimits() }
}

private let host = "Host: example.org\r\n"
private let get = "GET / HTTP/1.1\r\n\(host)"
private let post = "POST / HTTP/1.1\r\n\(host)"

let invalidCases: [InvalidCase] = [
    InvalidCase("Content-Length with Transfer-Encoding", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("differing duplicate Content-Length", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
    InvalidCase("differing Content-Length list", post + "Content-Length: 5, 6\r\n\r\nhello!", 400),
    InvalidCase("negative Content-Length", post + "Content-Length: -1\r\n\r\n", 400),
    InvalidCase("signed Content-Length", post + "Content-Length: +5\r\n\r\nhello", 400),
    InvalidCase("non-numeric Content-Length", post + "Content-Length: 5a\r\n\r\nhello", 400),
    InvalidCase("empty Content-Length", post + "Content-Length: \r\n\r\n", 400),
    InvalidCase("overflowing Content-Length", post + "Content-Length: 99999999999999999999999\r\n\r\n", 400),
    InvalidCase("non-hex chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
    InvalidCase("overflowing chunk size", post + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 400),
    InvalidCase("chunk size of eighteen f", post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n", 400),
    InvalidCase("chunk size just under Int.max", post + "Transfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nhello\r\n0\r\n\r\n", 413),
    InvalidCase("Content-Length of Int.max", post + "Content-Length: 9223372036854775807\r\n\r\n", 413),
    InvalidCase("Content-Length one past Int.max", post + "Content-Length: 9223372036854775808\r\n\r\n", 400),
    InvalidCase("Content-Length overflowing in a list", post + "Content-Length: 5, 99999999999999999999999\r\n\r\nhello", 400),
    InvalidCase("chunk size followed by garbage", post + "Transfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", 400),
    InvalidCase("chunk data without CRLF", post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello0\r\n\r\n", 400),
    InvalidCase("chunk size line with bare LF", post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n", 400),
    InvalidCase("control character in a chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n5;a\u{1}\r\nhello\r\n0\r\n\r\n", 400),
    InvalidCase("malformed trailer", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-Bad : 1\r\n\r\n", 400),
    InvalidCase("obsolete line folding", get + "X-Long: one\r\n two\r\n\r\n", 400),
    InvalidCase("whitespace before the first header", "GET / HTTP/1.1\r\n Host: example.org\r\n\r\n", 400),
    InvalidCase("whitespace between field name and colon", get + "X-Name : value\r\n\r\n", 400),
    InvalidCase("empty field name", get + ": value\r\n\r\n", 400),
    InvalidCase("invalid character in field name", get + "X(Name): value\r\n\r\n", 400),
    InvalidCase("line without a colon", get + "NoColonHere\r\n\r\n", 400),
    InvalidCase("control character in a header value", get + "X-Name: a\u{1}b\r\n\r\n", 400),
    InvalidCase("DEL in a header value", get + "X-Name: a\u{7F}b\r\n\r\n", 400),
    InvalidCase("NUL in a header value", get + "X-Name: a\u{0}b\r\n\r\n", 400),
    InvalidCase("bare CR in a header value", get + "X-Name: a\rb\r\n\r\n", 400),
    InvalidCase("bare LF ending a header line", get + "X-Name: a\n\r\n", 400),
    InvalidCase("bare LF ending the request line", "GET / HTTP/1.1\n\(host)\r\n", 400),
    InvalidCase("bare LF before the request line", "\nGET / HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("NUL in the request target", "GET /a\u{0}b HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("raw UTF-8 in the request target", "GET /quiñones HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
    InvalidCase("two Host fields", get + "host: other.org\r\n\r\n", 400),
    // RFC 9112 §6.3: chunked not the final coding → 400 and close; §6.1: an unknown coding under a final chunked → 501.
    InvalidCase("unknown transfer coding alone", post + "Transfer-Encoding: gzip\r\n\r\n", 400),
    InvalidCase("chunked not last", post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("chunked not last, over two fields", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("chunked not last, empty members", post + "Transfer-Encoding: ,chunked, ,GZIP,\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("chunked with parameters", post + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("chunked glued to another token", post + "Transfer-Encoding: chunked gzip\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("empty Transfer-Encoding", post + "Transfer-Encoding: \r\n\r\n", 400),
    InvalidCase("Transfer-Encoding of commas only", post + "Transfer-Encoding: , ,\r\n\r\n", 400),
    InvalidCase("chunked twice", post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("chunked twice, over two fields", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("unknown coding, then chunked twice", post + "Transfer-Encoding: gzip, chunked, chunked\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("unknown coding before chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
    InvalidCase("chunked after another coding, over two fields", post + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
    InvalidCase("unknown codings before CHUNKED, with whitespace", post + "Transfer-Encoding:\tx-custom ,\tdeflate , CHUNKED \r\n\r\n", 501),
    InvalidCase("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    InvalidCase("target over the limit", "GET /" + String(repeating: "a", count: 64) + " HTTP/1.1\r\n\(host)\r\n", 414, small: true),
    InvalidCase("head over the limit", get + "X-Big: " + String(repeating: "b", count: 240) + "\r\n\r\n", 431, small: true),
    InvalidCase("too many header fields", get + String(repeating: "X-A: 1\r\n", count: 8) + "\r\n", 431, small: true),
    InvalidCase("announced body over the limit", post + "Content-Length: 65\r\n\r\n", 413, small: true),
    InvalidCase("expect-continue with a body over the limit", post + "Expect: 100-continue\r\nContent-Length: 65\r\n\r\n", 413, small: true),
    InvalidCase("chunked body over the limit", post + "Transfer-Encoding: chunked\r\n\r\n30\r\n" + String(repeating: "c", count: 48) + "\r\n11\r\n", 413, small: true),
    InvalidCase("trailers over the limit", post + "Transfer-Encoding: chunked\r\n\r\n0\r\n" + String(repeating: "X-T: 1\r\n", count: 40) + "\r\n", 431, small: true),
    InvalidCase("TLS ClientHello", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03], 400),
    InvalidCase("binary garbage", [0x00, 0xFF, 0x13, 0x37, 0x0D, 0x0A, 0x0D, 0x0A], 400),
    InvalidCase("SSH banner", "SSH-2.0-OpenSSH_9.6\r\n", 400),
    InvalidCase("method too long", String(repeating: "A", count: 40) + " / HTTP/1.1\r\n\(host)\r\n", 501),
    InvalidCase("HTTP/2.0", "GET / HTTP/2.0\r\n\(host)\r\n", 505),
    InvalidCase("HTTP/1.2", "GET / HTTP/1.2\r\n\(host)\r\n", 505),
    InvalidCase("HTTP/0.9 style request line", "GET /\r\n\r\n", 400),
    InvalidCase("lower-case version", "GET / http/1.1\r\n\(host)\r\n", 400),
    InvalidCase("version with trailing garbage", "GET / HTTP/1.10\r\n\(host)\r\n", 400),
    InvalidCase("double space in the request line", "GET  / HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("asterisk target with GET", "GET * HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("authority-form target", "CONNECT example.org:443 HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("URL without host", "GET http:///a HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("invalid percent-escape", "GET /a%zz HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("truncated percent-escape", "GET /a%4 HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("percent-encoded invalid UTF-8", "GET /a%C3 HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("percent-encoded NUL in the query", "GET /a?x=%00 HTTP/1.1\r\n\(host)\r\n", 400),
    InvalidCase("unknown expectation", post + "Expect: teapot\r\nContent-Length: 2\r\n\r\nhi", 417, close: false),
    InvalidCase("refusal after a good request", get + "\r\nGET / HTTP/1.1\r\n\r\n", 400, requestsBefore: 1),
]

extension ParserTests {
    @Test(arguments: invalidCases)
    func refusesInvalidRequest(_ invalidCase: InvalidCase) {
        let events = parseEvents([invalidCase.bytes[...]], limits: invalidCase.limits)
        let requests = events.prefix(invalidCase.requestsBefore)
        #expect(requests.allSatisfy { if case .request = $0 { true } else { false } }, "\(events)")
        #expect(Array(events.dropFirst(invalidCase.requestsBefore))
            == [.failure(status: invalidCase.status, close: invalidCase.close)])
    }

    @Test(arguments: invalidCases)
    func invalidRequestFailsTheSameAtEverySplit(_ invalidCase: InvalidCase) {
        #expect(inconsistentSplits(invalidCase.bytes, limits: invalidCase.limits) == [])
    }

    @Test func unknownExpectationKeepsTheConnectionUsable() {
        let text = post + "Expect: teapot\r\nContent-Length: 2\r\n\r\nhi" + get + "\r\n"
        let events = parseEvents(text)
        #expect(events.count == 2)
        #expect(events.first == .failure(status: 417, close: false))
        if case .request(let summary) = events.last { #expect(summary.path == "/") } else { Issue.record("\(events)") }
    }

    @Test(arguments: [
        [UInt8]([0x16, 0x03]),
        [0x80],
        Array("GET /\u{1}".utf8),
        Array("GET / HTTP/1.1\r\r".utf8),
        Array("GET / XTTP".utf8),
    ])
    func impossibleRequestLineIsRefusedAtOnce(_ prefix: [UInt8]) {
        var parser = RequestParser()
        prefix.withUnsafeBytes { parser.append($0) }
        guard case .failure(let problem) = parser.next() else { Issue.record("not refused early"); return }
        #expect(problem.status == 400 && problem.closeConnection)
        #expect(problem.detail != nil)
    }

    @Test func limitsAreEnforcedBeforeTheHeadEnds() {
        var parser = RequestParser(limits: smallLimits())
        Array(("GET /" + String(repeating: "a", count: 70)).utf8).withUnsafeBytes { parser.append($0) }
        guard case .failure(let tooLong) = parser.next() else { Issue.record("414 waited"); return }
        #expect(tooLong.status == 414)

        parser = RequestParser(limits: smallLimits())
        Array((get + "X-Big: " + String(repeating: "b", count: 300)).utf8).withUnsafeBytes { parser.append($0) }
        guard case .failure(let tooBig) = parser.next() else { Issue.record("431 waited"); return }
        #expect(tooBig.status == 431)
    }

    @Test func chunkFramingMayNotOutgrowItsData() {
        // 1-byte chunks with 100-byte extensions: 1 MiB of "body" would cost ~100 MiB of reading.
        let chunk = "1;" + String(repeating: "e", count: 100) + "\r\nx\r\n"
        let heavy = post + "Transfer-Encoding: chunked\r\n\r\n" + String(repeating: chunk, count: 400) + "0\r\n\r\n"
        #expect(parseEvents(heavy) == [.failure(status: 400, close: true)])

        // Many small chunks without extensions are plain framing: accepted.
        let light = post + "Transfer-Encoding: chunked\r\n\r\n" + String(repeating: "1\r\nx\r\n", count: 4000) + "0\r\n\r\n"
        guard case .request(let summary) = parseEvents(light).first else { Issue.record("refused"); return }
        #expect(summary.body == String(repeating: "x", count: 4000))
    }

    @Test func announcedBodyOverTheLimitIsRefusedBeforeAnyBodyByte() {
        var parser = RequestParser()
        Array((post + "Content-Length: 2000000\r\n\r\n").utf8).withUnsafeBytes { parser.append($0) }
        guard case .failure(let problem) = parser.next() else { Issue.record("413 waited"); return }
        #expect(problem.status == 413 && problem.closeConnection)
    }
}
