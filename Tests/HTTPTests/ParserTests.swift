import HTTP
import Testing

/// What one request of a valid case must parse to; `headers: nil` leaves the header list unchecked.
struct ExpectedRequest: Sendable, CustomStringConvertible {
    var method = "GET"
    var target: String
    var path: String
    var segments: [String]
    var query: [String] = []
    var version = "HTTP/1.1"
    var headers: [String]?
    var body = ""
    var keepAlive = true

    func matches(_ summary: RequestSummary) -> Bool {
        summary.method == method && summary.target == target && summary.path == path
            && summary.segments == segments && summary.query == query && summary.version == version
            && (headers == nil || summary.headers == headers) && summary.body == body
            && summary.keepAlive == keepAlive
    }

    var description: String {
        "\(method) \(target) \(version) path=\(path) segments=\(segments) query=\(query) "
            + "headers=\(headers.map { "\($0)" } ?? "-") body=\(body.debugDescription) keepAlive=\(keepAlive)"
    }
}

struct ValidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var requests: [ExpectedRequest]
    var testDescription: String { name }
}

private let host = "Host: example.org\r\n"

let validCases: [ValidCase] = [
    ValidCase(
        name: "simple GET with three headers",
        text: "GET /healthz HTTP/1.1\r\nHost: example.org\r\nUser-Agent: probe/1.0\r\nAccept: */*\r\n\r\n",
        requests: [ExpectedRequest(target: "/healthz", path: "/healthz", segments: ["healthz"],
                                   headers: ["Host: example.org", "User-Agent: probe/1.0", "Accept: */*"])]),
    ValidCase(
        name: "absolute-form target",
        text: "GET http://example.org/v1/posts?page=2&q=a HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(target: "http://example.org/v1/posts?page=2&q=a", path: "/v1/posts",
                                   segments: ["v1", "posts"], query: ["page=2", "q=a"])]),
    ValidCase(
        name: "absolute-form target without a path",
        text: "GET HTTPS://example.org?x=1 HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(target: "HTTPS://example.org?x=1", path: "/", segments: [], query: ["x=1"])]),
    ValidCase(
        name: "OPTIONS *",
        text: "OPTIONS * HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(method: "OPTIONS", target: "*", path: "*", segments: [])]),
    ValidCase(
        name: "HTTP/1.0 without Host closes by default",
        text: "GET /a HTTP/1.0\r\n\r\n",
        requests: [ExpectedRequest(target: "/a", path: "/a", segments: ["a"], version: "HTTP/1.0", headers: [],
                                   keepAlive: false)]),
    ValidCase(
        name: "HTTP/1.0 with keep-alive",
        text: "GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
        requests: [ExpectedRequest(target: "/a", path: "/a", segments: ["a"], version: "HTTP/1.0")]),
    ValidCase(
        name: "HTTP/1.1 with Connection: close in a token list",
        text: "GET / HTTP/1.1\r\n\(host)Connection: keep-alive, CLOSE\r\n\r\n",
        requests: [ExpectedRequest(target: "/", path: "/", segments: [], keepAlive: false)]),
    ValidCase(
        name: "HTTP/1.1 with an unrelated Connection token stays open",
        text: "GET / HTTP/1.1\r\n\(host)Connection: upgrade\r\n\r\n",
        requests: [ExpectedRequest(target: "/", path: "/", segments: [])]),
    ValidCase(
        name: "repeated headers kept in order, OWS trimmed, obs-text allowed",
        text: "GET / HTTP/1.1\r\nhOsT: example.org\r\nAccept: a\r\nX-Note:  \t spaced  out \t\r\n"
            + "Accept: b\r\nX-Empty:\r\nX-Name: Quiñones\r\n\r\n",
        requests: [ExpectedRequest(target: "/", path: "/", segments: [],
                                   headers: ["hOsT: example.org", "Accept: a", "X-Note: spaced  out", "Accept: b",
                                             "X-Empty: ", "X-Name: Quiñones"])]),
    ValidCase(
        name: "percent-decoding of UTF-8 path segments and query",
        text: "GET /v1/posts/qui%C3%B1ones%20a+b?q=caf%C3%A9+au+lait&tag=a%2Bb&flag&=x&&empty= HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(
            target: "/v1/posts/qui%C3%B1ones%20a+b?q=caf%C3%A9+au+lait&tag=a%2Bb&flag&=x&&empty=",
            path: "/v1/posts/quiñones a+b", segments: ["v1", "posts", "quiñones a+b"],
            query: ["q=café au lait", "tag=a+b", "flag=", "=x", "empty="])]),
    ValidCase(
        name: "encoded slash stays inside its segment; empty segments dropped",
        text: "GET //a%2Fb///c/ HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(target: "//a%2Fb///c/", path: "//a/b///c/", segments: ["a/b", "c"])]),
    ValidCase(
        name: "Content-Length body",
        text: "POST /v1/actions HTTP/1.1\r\n\(host)Content-Type: application/json\r\nContent-Length: 13\r\n\r\n"
            + "{\"count\": 1}\n",
        requests: [ExpectedRequest(method: "POST", target: "/v1/actions", path: "/v1/actions",
                                   segments: ["v1", "actions"], body: "{\"count\": 1}\n")]),
    ValidCase(
        name: "identical duplicate Content-Length, also as a list",
        text: "PUT /x HTTP/1.1\r\n\(host)Content-Length: 3\r\ncontent-length: 3, 03\r\n\r\nabc",
        requests: [ExpectedRequest(method: "PUT", target: "/x", path: "/x", segments: ["x"], body: "abc")]),
    ValidCase(
        name: "Content-Length: 0 has no body",
        text: "POST /x HTTP/1.1\r\n\(host)Content-Length: 0\r\n\r\n",
        requests: [ExpectedRequest(method: "POST", target: "/x", path: "/x", segments: ["x"])]),
    ValidCase(
        name: "chunked with extensions and trailers",
        text: "POST /up HTTP/1.1\r\n\(host)Transfer-Encoding: Chunked\r\n\r\n"
            + "5;name=value ; other\r\nhello\r\n1b \t;x=\"quoted\"\r\n, and twenty-one more bytes\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n",
        requests: [ExpectedRequest(method: "POST", target: "/up", path: "/up", segments: ["up"],
                                   headers: ["Host: example.org", "Transfer-Encoding: Chunked"],
                                   body: "hello, and twenty-one more bytes")]),
    ValidCase(
        name: "chunked with an empty body",
        text: "POST /up HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        requests: [ExpectedRequest(method: "POST", target: "/up", path: "/up", segments: ["up"])]),
    ValidCase(
        name: "chunked with empty list members, odd case and whitespace, over two fields",
        text: "POST /up HTTP/1.1\r\n\(host)Transfer-Encoding: , \t\r\nTRANSFER-ENCODING:  ,, cHuNkEd ,\t, \r\n\r\n"
            + "2\r\nok\r\n0\r\n\r\n",
        requests: [ExpectedRequest(method: "POST", target: "/up", path: "/up", segments: ["up"], headers: nil,
                                   body: "ok")]),
    ValidCase(
        name: "Expect: 100-continue with its body",
        text: "POST /x HTTP/1.1\r\n\(host)Expect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi",
        requests: [ExpectedRequest(method: "POST", target: "/x", path: "/x", segments: ["x"], body: "hi")]),
    ValidCase(
        name: "Expect: 100-continue without a body",
        text: "GET /x HTTP/1.1\r\n\(host)Expect: 100-continue\r\n\r\n",
        requests: [ExpectedRequest(target: "/x", path: "/x", segments: ["x"])]),
    ValidCase(
        name: "pipelined pair",
        text: "POST /a HTTP/1.1\r\n\(host)Content-Length: 1\r\n\r\nzGET /b?c=d HTTP/1.1\r\n\(host)Connection: close\r\n\r\n",
        requests: [ExpectedRequest(method: "POST", target: "/a", path: "/a", segments: ["a"], body: "z"),
                   ExpectedRequest(target: "/b?c=d", path: "/b", segments: ["b"], query: ["c=d"], keepAlive: false)]),
    ValidCase(
        name: "leading empty lines are ignored",
        text: "\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n\r\nGET /2 HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(target: "/", path: "/", segments: []),
                   ExpectedRequest(target: "/2", path: "/2", segments: ["2"])]),
    ValidCase(
        name: "extension method kept as sent",
        text: "PURGE /cache HTTP/1.1\r\n\(host)\r\n",
        requests: [ExpectedRequest(method: "PURGE", target: "/cache", path: "/cache", segments: ["cache"])]),
]

@Suite struct ParserTests {
    @Test(arguments: validCases)
    func parsesValidRequest(_ validCase: ValidCase) {
        let events = parseEvents(validCase.text)
        #expect(events.count == validCase.requests.count, "\(events)")
        for (event, expected) in zip(events, validCase.requests) {
            guard case .request(let summary) = event else {
                Issue.record("expected \(expected), got \(event)")
                continue
            }
            #expect(expected.matches(summary), "expected \(expected), got \(summary)")
        }
    }

    @Test(arguments: validCases)
    func validRequestParsesTheSameAtEverySplit(_ validCase: ValidCase) {
        #expect(inconsistentSplits(Array(validCase.text.utf8), limits: ParserLimits()) == [])
    }

    @Test func expectContinueComesOnceBeforeTheBody() {
        let head = "POST /x HTTP/1.1\r\n\(host)Expect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        var parser = RequestParser()
        #expect(parser.phase == .idle)
        Array(head.utf8).withUnsafeBytes { parser.append($0) }
        #expect(parser.phase == .head)
        guard case .expectContinue = parser.next() else { Issue.record("no expectContinue"); return }
        #expect(parser.phase == .body)
        guard case .needMore = parser.next() else { Issue.record("expectContinue repeated"); return }
        Array("hi".utf8).withUnsafeBytes { parser.append($0) }
        guard case .request(let request, keepAlive: true) = parser.next() else { Issue.record("no request"); return }
        #expect(request.body == Array("hi".utf8))
        #expect(parser.phase == .idle)

        let byteByByte = parseEvents(Array((head + "hi").utf8).map { [$0][...] })
        #expect(byteByByte.count == 2 && byteByByte.first == .expectContinue)
    }

    @Test func expectContinueIsSkippedWhenTheBodyStartedOrForHTTP10() {
        let head = "POST /x HTTP/1.1\r\n\(host)Expect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        let started = parseEvents([Array(head.utf8)[...] + [0x68], [0x69]])
        #expect(started.count == 1 && started.first != .expectContinue)
        let http10 = parseEvents("POST /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(http10 == [])
    }

    @Test func phaseFollowsTheRequest() {
        var parser = RequestParser()
        func feed(_ text: String) { Array(text.utf8).withUnsafeBytes { parser.append($0) } }
        feed("\r\n")
        #expect(parser.phase == .head)
        guard case .needMore = parser.next() else { Issue.record("empty line not ignored"); return }
        #expect(parser.phase == .idle)
        feed("POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\n")
        _ = parser.next()
        #expect(parser.phase == .head)
        feed("\r\nab")
        guard case .needMore = parser.next() else { Issue.record("body incomplete"); return }
        #expect(parser.phase == .body)
        feed("c")
        guard case .request = parser.next() else { Issue.record("no request"); return }
        #expect(parser.phase == .idle)
    }

    @Test func manyPipelinedRequestsSurviveCompaction() {
        var rng = SeededGenerator(seed: 7)
        var stream: [UInt8] = []
        var expectedBodies: [String] = []
        for index in 0..<400 {
            let body = String(repeating: "x", count: Int.random(in: 0...300, using: &rng))
            expectedBodies.append(body)
            if index % 2 == 0 {
                stream += Array("POST /\(index) HTTP/1.1\r\n\(host)Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
            } else {
                let size = String(body.utf8.count, radix: 16)
                let chunk = body.isEmpty ? "" : "\(size)\r\n\(body)\r\n"
                stream += Array("POST /\(index) HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n\(chunk)0\r\n\r\n".utf8)
            }
        }
        var chunks: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + Int.random(in: 1...40_000, using: &rng))
            chunks.append(stream[offset..<end])
            offset = end
        }
        let bodies = parseEvents(chunks).map { event -> String in
            if case .request(let summary) = event { return summary.body }
            return "\(event)"
        }
        #expect(bodies == expectedBodies)
    }
}
