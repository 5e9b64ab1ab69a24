import CZlib
@testable import HTTP
import Testing

/// Runs `middleware` around `handler` the way the server does (willHandle in order, didHandle reversed).
func run(_ middleware: [any Middleware], _ request: Request, _ handler: (Request) -> Response) -> (Response, Request) {
    var request = request
    for (index, step) in middleware.enumerated() {
        if var response = step.willHandle(&request) {
            for earlier in middleware[..<index].reversed() { earlier.didHandle(request, &response) }
            return (response, request)
        }
    }
    var response = handler(request)
    for step in middleware.reversed() { step.didHandle(request, &response) }
    return (response, request)
}

func makeRequest(_ method: Method = .get, _ path: String = "/x", headers: Headers = [:]) -> Request {
    Request(method: method, target: path, path: path, pathSegments: path.split(separator: "/").map(String.init),
            query: [], version: .http1_1, headers: headers)
}

let bigJSON = Array((#"{"data":["# + String(repeating: #"{"title":"Good news","id":1},"#, count: 100) + "{}]}").utf8)

func json(_ bytes: [UInt8] = bigJSON) -> Response {
    Response(status: 200, contentType: "application/json; charset=utf-8", bytes: bytes)
}

func gunzip(_ data: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard goodnews_inflate_init_gzip(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: 1 << 20)
    var input = data
    let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            return inflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { return nil }
    return Array(output[0..<Int(stream.total_out)])
}

@Suite struct RequestIDTests {
    @Test func generatesShortUniqueIdsAndEchoesThem() {
        let middleware = RequestID()
        var seen = Set<String>()
        for _ in 0..<1000 {
            let (response, request) = run([middleware], makeRequest()) { _ in Response() }
            #expect(response.headers["X-Request-Id"] == request.id)
            #expect(request.id.utf8.count <= 16)
            seen.insert(request.id)
        }
        #expect(seen.count == 1000)
    }

    @Test(arguments: [("abc-123", true), (String(repeating: "a", count: 64), true),
                      (String(repeating: "a", count: 65), false), ("has space", false), ("", false), ("é", false)])
    func keepsOnlySaneIncomingIds(_ incoming: String, _ kept: Bool) {
        let (_, request) = run([RequestID()], makeRequest(headers: ["X-Request-Id": incoming])) { _ in Response() }
        #expect((request.id == incoming) == kept)
        #expect(!request.id.isEmpty)
    }
}

@Suite struct CORSTests {
    @Test func answersPreflightsWithoutTheRoute() {
        let headers: Headers = ["Origin": "https://a.example", "Access-Control-Request-Method": "POST"]
        let (response, _) = run([RequestID(), CORS()], makeRequest(.options, headers: headers)) { _ in
            Issue.record("the route must not run")
            return Response()
        }
        #expect(response.status == 204)
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["Access-Control-Allow-Methods"]?.contains("PATCH") == true)
        #expect(response.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type, Idempotency-Key, If-None-Match")
        #expect(response.headers["Access-Control-Max-Age"] == "86400")
        #expect(response.headers["X-Request-Id"] != nil)
        #expect(response.headers["Vary"] == nil)
    }

    @Test func plainOptionsReachesTheRouter() {
        let (response, _) = run([CORS()], makeRequest(.options, headers: ["Origin": "https://a.example"])) { _ in
            Response(status: 204, headers: ["Allow": "GET"])
        }
        #expect(response.headers["Allow"] == "GET")
    }

    @Test func exposesHeadersToAllowedOrigins() {
        let (any, _) = run([CORS()], makeRequest(headers: ["Origin": "https://a.example"])) { _ in json() }
        #expect(any.headers["Access-Control-Allow-Origin"] == "*")
        #expect(any.headers["Access-Control-Expose-Headers"] == "ETag, Link, Location, X-Total-Count, Retry-After, X-Request-Id")

        let listed = CORS(allowedOrigins: ["https://a.example"])
        let (allowed, _) = run([listed], makeRequest(headers: ["Origin": "https://a.example"])) { _ in json() }
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://a.example")
        #expect(allowed.headers["Vary"] == "Origin")
        let (refused, _) = run([listed], makeRequest(headers: ["Origin": "https://evil.example"])) { _ in json() }
        #expect(refused.headers["Access-Control-Allow-Origin"] == nil)
        #expect(refused.headers["Vary"] == "Origin")
        let (noOrigin, _) = run([CORS()], makeRequest()) { _ in json() }
        #expect(noOrigin.headers["Access-Control-Allow-Origin"] == nil)
    }
}

@Suite struct ConditionalGETTests {
    @Test func tagsJSONAndAnswers304OnAMatch() {
        let (first, _) = run([ConditionalGET()], makeRequest()) { _ in json() }
        let tag = first.headers["ETag"] ?? "none"
        #expect(tag == EntityTag.strong(for: bigJSON))
        for condition in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
            let (again, _) = run([ConditionalGET()], makeRequest(headers: ["If-None-Match": condition])) { _ in json() }
            #expect(again.status == 304, "\(condition)")
            #expect(again.bodyCount == 0)
            #expect(again.headers["Content-Type"] == nil)
            #expect(again.headers["ETag"] == tag)
        }
        let (changed, _) = run([ConditionalGET()], makeRequest(headers: ["If-None-Match": "\"stale\""])) { _ in json() }
        #expect(changed.status == 200)
    }

    @Test func keepsTheHandlersTagAndSkipsWhatItShouldNotTouch() {
        let (own, _) = run([ConditionalGET()], makeRequest(headers: ["If-None-Match": "\"v7\""])) { _ in
            var response = json()
            response.headers.add("ETag", "\"v7\"")
            return response
        }
        #expect(own.status == 304)
        let (text, _) = run([ConditionalGET()], makeRequest()) { _ in Response(status: 200, contentType: "text/plain", bytes: [1]) }
        #expect(text.headers["ETag"] == nil)
        let (post, _) = run([ConditionalGET()], makeRequest(.post)) { _ in json() }
        #expect(post.headers["ETag"] == nil)
        let (created, _) = run([ConditionalGET()], makeRequest()) { _ in var r = json(); r.status = 201; return r }
        #expect(created.headers["ETag"] == nil)
    }

    @Test func entityTagListsAreParsedWithCommasInsideQuotes() {
        #expect(EntityTag.noneMatchHits(#""a,b", W/"c""#, current: "\"c\""))
        #expect(EntityTag.noneMatchHits(#""a,b""#, current: "\"a,b\""))
        #expect(!EntityTag.noneMatchHits(#""a", "b""#, current: "\"a,b\""))
        #expect(EntityTag.noneMatchHits(#""x-gzip""#, current: "\"x\""))
    }
}

@Suite struct GzipTests {
    @Test(arguments: [("gzip", true), ("gzip, deflate, br", true), ("deflate;q=1, gzip;q=0.5", true),
                      ("gzip;q=0", false), ("gzip;q=0.000", false), ("*", true), ("*;q=0", false),
                      ("identity", false), ("br, *;q=0.1", true), ("gzip;q=0, *", false), ("", false)])
    func negotiates(_ accept: String, _ compressed: Bool) throws {
        let (response, _) = run([Gzip()], makeRequest(headers: ["Accept-Encoding": accept])) { _ in json() }
        #expect((response.headers["Content-Encoding"] == "gzip") == compressed)
        #expect(response.headers["Vary"] == "Accept-Encoding")
        if compressed, case .bytes(let body) = response.body {
            #expect(body.count < bigJSON.count)
            #expect(gunzip(body) == bigJSON)
        }
    }

    @Test func leavesSmallAndEncodedAndBinaryBodiesAlone() {
        let headers: Headers = ["Accept-Encoding": "gzip"]
        let (small, _) = run([Gzip()], makeRequest(headers: headers)) { _ in json(Array(repeating: 0x20, count: 1024)) }
        #expect(small.headers["Content-Encoding"] == nil)
        let (image, _) = run([Gzip()], makeRequest(headers: headers)) { _ in
            Response(status: 200, contentType: "image/png", bytes: bigJSON)
        }
        #expect(image.headers["Content-Encoding"] == nil)
        let (encoded, _) = run([Gzip()], makeRequest(headers: headers)) { _ in
            var response = json()
            response.headers.add("Content-Encoding", "br")
            return response
        }
        #expect(encoded.headers.values("Content-Encoding") == ["br"])
    }

    @Test func theGzipVariantHasItsOwnTagAndStillRevalidates() {
        let chain: [any Middleware] = [Gzip(), ConditionalGET()]
        let (identity, _) = run(chain, makeRequest()) { _ in json() }
        let (zipped, _) = run(chain, makeRequest(headers: ["Accept-Encoding": "gzip"])) { _ in json() }
        let identityTag = identity.headers["ETag"] ?? ""
        let zippedTag = zipped.headers["ETag"] ?? ""
        #expect(zippedTag == EntityTag.gzipVariant(of: identityTag))
        #expect(zippedTag != identityTag)
        let (revalidated, _) = run(chain, makeRequest(headers: ["Accept-Encoding": "gzip", "If-None-Match": zippedTag])) { _ in json() }
        #expect(revalidated.status == 304)
        #expect(revalidated.headers["Content-Encoding"] == nil)
    }
}
