import HTTP
import Testing

/// Routing in-process: no sockets, requests built by hand.
@Suite struct RouterTests {
    static func request(_ method: Method, _ path: String) -> Request {
        let segments = path.split(separator: "/").map(String.init)
        return Request(method: method, target: path, path: path, pathSegments: segments, query: [],
                       version: .http1_1, headers: ["Host": "x"])
    }

    static func answer(_ router: Router, _ method: Method, _ path: String) throws -> (Response, Request) {
        var request = request(method, path)
        switch try router.respond(to: &request) {
        case .now(let response): return (response, request)
        case .later(let work): return (try work(), request)
        }
    }

    static func echoRoute(_ router: inout Router, _ method: Method, _ pattern: String) {
        router.add(method, pattern) { request in
            let parameters = request.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let text = "\(request.method) \(request.route) \(parameters.joined(separator: ","))"
            return .now(Response(status: 200, contentType: "text/plain", bytes: Array(text.utf8)))
        }
    }

    var router: Router {
        var router = Router()
        RouterTests.echoRoute(&router, .get, "/v1/posts")
        RouterTests.echoRoute(&router, .post, "/v1/posts")
        RouterTests.echoRoute(&router, .get, "/v1/posts/{ref}")
        RouterTests.echoRoute(&router, .patch, "/v1/posts/{ref}")
        RouterTests.echoRoute(&router, .get, "/v1/posts/feed")
        RouterTests.echoRoute(&router, .get, "/v1/cases/{ref}/actions/{id}")
        RouterTests.echoRoute(&router, .post, "/v1/cases/{ref}/actions")
        RouterTests.echoRoute(&router, .get, "/")
        return router
    }

    @Test(arguments: [
        ("GET", "/v1/posts", "GET /v1/posts "),
        ("GET", "/v1/posts/", "GET /v1/posts "),
        ("GET", "/v1/posts/42", "GET /v1/posts/{ref} ref=42"),
        ("GET", "/v1/posts/quiñones", "GET /v1/posts/{ref} ref=quiñones"),
        ("GET", "/v1/posts/feed", "GET /v1/posts/feed "),
        ("PATCH", "/v1/posts/feed", "PATCH /v1/posts/{ref} ref=feed"),
        ("GET", "/v1/cases/cu-1/actions/7", "GET /v1/cases/{ref}/actions/{id} id=7,ref=cu-1"),
        ("POST", "/v1/cases/cu-1/actions", "POST /v1/cases/{ref}/actions ref=cu-1"),
        ("GET", "/", "GET / "),
    ])
    func matchesPatterns(_ method: String, _ path: String, _ expected: String) throws {
        let (response, request) = try RouterTests.answer(router, Method(method), path)
        #expect(response.status == 200)
        guard case .bytes(let body) = response.body else { Issue.record("no body"); return }
        #expect(String(decoding: body, as: UTF8.self) == expected)
        #expect(request.route == expected.split(separator: " ")[1].description)
    }

    @Test func headRunsTheGetHandler() throws {
        let (response, _) = try RouterTests.answer(router, .head, "/v1/posts/9")
        #expect(response.status == 200)
        // The body stays: the server sends its length and drops it on the wire.
        #expect(response.bodyCount > 0)
    }

    @Test func unknownPathsAre404() throws {
        for path in ["/v2", "/v1/posts/1/2", "/v1/cases/x/actions/1/more"] {
            let (response, _) = try RouterTests.answer(router, .get, path)
            #expect(response.status == 404)
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
    }

    @Test func otherMethodsAre405WithAllow() throws {
        let (response, _) = try RouterTests.answer(router, .delete, "/v1/posts/1")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, PATCH, HEAD, OPTIONS")
        let (post, _) = try RouterTests.answer(router, .put, "/v1/cases/x/actions")
        #expect(post.headers["Allow"] == "POST, OPTIONS")
    }

    @Test func aMethodNoRouteKnowsIs501OnAnyPath() throws {
        for path in ["/v1/posts/1", "/nowhere"] {
            let (response, _) = try RouterTests.answer(router, Method("M0001"), path)
            #expect(response.status == 501)
            #expect(response.headers["Allow"] == nil)
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        // Standard methods stay 405 on a known path (with Allow) and 404 elsewhere.
        #expect(try RouterTests.answer(router, .put, "/v1/posts/1").0.status == 405)
        #expect(try RouterTests.answer(router, Method("TRACE"), "/v1/posts/1").0.status == 405)
        #expect(try RouterTests.answer(router, Method("QUERY"), "/v1/posts/1").0.status == 405)
        #expect(try RouterTests.answer(router, .put, "/nowhere").0.status == 404)
        // A method some route registers is known everywhere.
        var custom = router
        RouterTests.echoRoute(&custom, Method("PURGE"), "/cache")
        #expect(try RouterTests.answer(custom, Method("PURGE"), "/cache").0.status == 200)
        #expect(try RouterTests.answer(custom, Method("PURGE"), "/v1/posts").0.status == 405)
        #expect(try RouterTests.answer(custom, Method("PURGE"), "/nowhere").0.status == 404)
    }

    @Test func theMetricsLabelOfAMethodIsStandardOrOther() {
        #expect(Method.get.metricsLabel == "GET")
        #expect(Method("PATCH").metricsLabel == "PATCH")
        #expect(Method("get").metricsLabel == "other")
        #expect(Method("M0001").metricsLabel == "other")
    }

    @Test func optionsIsAnsweredUnlessRegistered() throws {
        let (automatic, _) = try RouterTests.answer(router, .options, "/v1/posts")
        #expect(automatic.status == 204)
        #expect(automatic.headers["Allow"] == "GET, POST, HEAD, OPTIONS")

        var custom = router
        custom.add(.options, "/v1/posts") { _ in .now(Response(status: 200)) }
        let (registered, _) = try RouterTests.answer(custom, .options, "/v1/posts")
        #expect(registered.status == 200)
    }

    @Test func listsRoutesInRegistrationOrder() {
        let listed = router.routes.map { "\($0.method) \($0.pattern)" }
        #expect(listed == ["GET /v1/posts", "POST /v1/posts", "GET /v1/posts/{ref}", "PATCH /v1/posts/{ref}",
                           "GET /v1/posts/feed", "GET /v1/cases/{ref}/actions/{id}", "POST /v1/cases/{ref}/actions", "GET /"])
    }

    @Test func handlerErrorsPropagate() {
        var router = Router()
        router.get("/boom") { _ in throw Problem(status: 409) }
        #expect(throws: Problem.self) { try RouterTests.answer(router, .get, "/boom") }
    }
}
