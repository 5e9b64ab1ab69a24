import Glibc
import HTTP
import Log
import Testing

/// Starts a real server on 127.0.0.1 port 0 for one test and shuts it down afterwards.
func withServer<T>(
    _ configure: (inout ServerConfiguration) -> Void = { _ in },
    middleware: [any Middleware] = [],
    logger: Logger = Logger(level: .error),
    routes: (inout Router) -> Void,
    _ body: (HTTPServer) throws -> T
) throws -> T {
    var configuration = ServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.loopCount = 1
    configuration.poolSize = 4
    configure(&configuration)
    var router = Router()
    routes(&router)
    let server = HTTPServer(configuration: configuration, router: router, middleware: middleware, logger: logger)
    try server.start()
    defer { server.shutdown(grace: .seconds(2)) }
    return try body(server)
}

/// Handlers the server tests share.
enum TestRoutes {
    static func text(_ text: String, status: Int = 200, contentType: String = "text/plain") -> Response {
        Response(status: status, contentType: contentType, bytes: Array(text.utf8))
    }

    static func standard(_ router: inout Router) {
        router.get("/healthz") { _ in .now(text("ok")) }
        router.get("/hello/{name}") { request in .now(text("hello \(request.parameters["name"] ?? "?")")) }
        router.post("/echo") { request in .now(Response(status: 200, contentType: "application/octet-stream", bytes: request.body)) }
        router.get("/later") { _ in .later { text("later") } }
        router.get("/slow") { _ in
            .later {
                usleep(2_000_000)
                return text("slow")
            }
        }
        router.get("/json") { _ in
            .now(text(#"{"items":["# + String(repeating: #""good news","#, count: 200) + #""end"]}"#,
                      contentType: "application/json; charset=utf-8"))
        }
        router.get("/fail") { _ in throw TestFailure(secret: "database password is hunter2") }
        router.get("/teapot") { _ in throw Problem(status: 418, title: "I'm a teapot", detail: "short and stout") }
    }
}

struct TestFailure: Error { var secret: String }

/// Milliseconds since some fixed point, for timing assertions.
func milliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1_000_000
}
