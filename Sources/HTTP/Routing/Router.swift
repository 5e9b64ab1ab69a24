/// Maps method + path to handlers. Patterns are literal segments and `{name}` captures
/// (`/v1/posts/{ref}`), matched against the request's decoded `pathSegments`; a literal segment wins over
/// a capture. HEAD runs the GET handler (the server drops the body); OPTIONS is answered with `Allow`
/// unless a route registers it; a known path with another method is a 405 with `Allow`; else a 404.
///
/// A method the server does not know at all is a 501 on any path (RFC 9110 §15.6.2: not supported "for any
/// resource"). Known are the standard methods (`Method.isStandard`) — 405 tells their senders which of them a
/// path takes, as the contract promises — and any other method some route registers. So a client inventing
/// tokens (`M0001`, `M0002`, …) reaches no handler and learns nothing about paths.
public struct Router: Sendable {
    struct Endpoint: Sendable {
        var method: Method
        var pattern: String
        var parameterNames: [String]
        var handler: Handler
    }

    /// One node per distinct pattern prefix; children by literal segment, plus at most one capture child.
    struct Node: Sendable {
        var literals: [String: Int] = [:]
        var capture: Int?
        var endpoints: [Endpoint] = []
    }

    private var nodes: [Node] = [Node()]
    /// Methods outside the standard set that some route registers (usually none).
    private var extraMethods: [Method] = []
    /// Every registered route in registration order (for comparison with the OpenAPI document).
    public private(set) var routes: [(method: Method, pattern: String)] = []
    /// The application's own mapping of errors thrown by any handler to problems, consulted before
    /// `Problem.from` (nil: use that). One place, so a failure maps alike on every route.
    public var errorMapper: (@Sendable (any Error) -> Problem?)?
    /// The answer for a path no route knows (nil: a problem+json 404), e.g. a page in the site's style.
    public var notFound: (@Sendable (Request) -> Response)?

    public init() {}

    /// Registers `handler` for `method` on `pattern`; registering the same method and pattern twice is a programming error.
    public mutating func add(_ method: Method, _ pattern: String, _ handler: @escaping Handler) {
        var node = 0
        var names: [String] = []
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.first == "{" && segment.last == "}" && segment.count > 2 {
                names.append(String(segment.dropFirst().dropLast()))
                node = child(of: node, capture: true, literal: "")
            } else {
                node = child(of: node, capture: false, literal: String(segment))
            }
        }
        precondition(!nodes[node].endpoints.contains { $0.method == method }, "duplicate route \(method) \(pattern)")
        nodes[node].endpoints.append(Endpoint(method: method, pattern: pattern, parameterNames: names, handler: handler))
        if !method.isStandard && !extraMethods.contains(method) { extraMethods.append(method) }
        routes.append((method, pattern))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    public mutating func patch(_ pattern: String, _ handler: @escaping Handler) { add(.patch, pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }

    /// Routes `request` (setting `parameters` and `route`) and runs its handler.
    public func respond(to request: inout Request) throws -> Reply {
        var captures: [String] = []
        var found: (endpoint: Endpoint, captures: [String])?
        var pathKnown = false
        let method = request.method
        // A literal segment wins, but a capture route with the method beats a literal one without it.
        _ = match(request.pathSegments, 0, 0, &captures) { node, captured in
            pathKnown = true
            guard let endpoint = Router.endpoint(for: method, in: nodes[node].endpoints) else { return false }
            found = (endpoint, captured)
            return true
        }
        guard let found else {
            if !method.isStandard && !extraMethods.contains(method) {
                return .now(Problem(status: 501, detail: "The method \(method) is not implemented by this server.").response)
            }
            guard pathKnown else {
                if let notFound { return .now(notFound(request)) }
                return .now(Problem(status: 404, detail: "No resource at this path.").response)
            }
            var methods: [Endpoint] = []
            _ = match(request.pathSegments, 0, 0, &captures) { node, _ in
                methods.append(contentsOf: nodes[node].endpoints)
                return false
            }
            let allow = Router.allowValue(methods)
            if method == .options { return .now(Response(status: 204, headers: ["Allow": allow])) }
            return .now(Problem(status: 405, detail: "\(method) is not allowed here.", headers: ["Allow": allow]).response)
        }
        request.route = found.endpoint.pattern
        if !found.captures.isEmpty {
            var parameters: [String: String] = [:]
            parameters.reserveCapacity(found.captures.count)
            for (name, value) in zip(found.endpoint.parameterNames, found.captures) { parameters[name] = value }
            request.parameters = parameters
        }
        return try found.endpoint.handler(request)
    }

    /// The endpoint for `method`; HEAD falls back to GET.
    private static func endpoint(for method: Method, in endpoints: [Endpoint]) -> Endpoint? {
        if let exact = endpoints.first(where: { $0.method == method }) { return exact }
        return method == .head ? endpoints.first { $0.method == .get } : nil
    }

    /// The methods a path answers, HEAD implied by GET and OPTIONS always there.
    static func allowValue(_ endpoints: [Endpoint]) -> String {
        var methods: [String] = []
        for endpoint in endpoints where !methods.contains(endpoint.method.rawValue) { methods.append(endpoint.method.rawValue) }
        if methods.contains("GET") && !methods.contains("HEAD") { methods.append("HEAD") }
        if !methods.contains("OPTIONS") { methods.append("OPTIONS") }
        return methods.joined(separator: ", ")
    }

    private mutating func child(of node: Int, capture: Bool, literal: String) -> Int {
        if capture, let existing = nodes[node].capture { return existing }
        if !capture, let existing = nodes[node].literals[literal] { return existing }
        nodes.append(Node())
        let created = nodes.count - 1
        if capture { nodes[node].capture = created } else { nodes[node].literals[literal] = created }
        return created
    }

    /// Depth-first, literal before capture: `visit` sees each node with endpoints that matches the whole path,
    /// in priority order, until it returns true.
    private func match(_ segments: [String], _ index: Int, _ node: Int, _ captures: inout [String],
                       _ visit: (Int, [String]) -> Bool) -> Bool {
        if index == segments.count {
            return !nodes[node].endpoints.isEmpty && visit(node, captures)
        }
        if let next = nodes[node].literals[segments[index]], match(segments, index + 1, next, &captures, visit) {
            return true
        }
        if let next = nodes[node].capture {
            captures.append(segments[index])
            defer { captures.removeLast() }
            if match(segments, index + 1, next, &captures, visit) { return true }
        }
        return false
    }
}
