@testable import API
import GoodNews
import JSON
import Testing

/// Shorthands for the posts and cases tests: JSON bodies from literals, admin writes that must succeed.
extension TestServer {
    /// A request with a JSON body written from `body`.
    func send(_ method: String, _ target: String, body: JSONValue, token: String? = nil) throws -> TestResponse {
        try send(method, target, json: body.description, token: token)
    }

    /// Creates a post or case (`collection` is `posts` or `cases`) and returns its JSON; a non-201 fails the test.
    @discardableResult
    func create(_ collection: String, _ body: JSONValue, token: String,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let response = try send("POST", "/v1/\(collection)", body: body, token: token)
        try #require(response.status == 201, "\(response.status) \(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// GET expecting 200 and JSON.
    func getJSON(_ target: String, token: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let response = try get(target, token: token)
        try #require(response.status == 200, "\(response.status) \(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// Inserts an action straight into the table, as the actions routes (another branch) would.
    func insertAction(caseID: Int64, kind: String, count: Int64 = 1) throws {
        try insert(
            "INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES (?, ?, ?, NULL, NULL, ?)",
            [.integer(caseID), .text(kind), .integer(count), .integer(Timestamp.now().seconds)])
    }
}

extension JSONValue {
    /// The `slug` of each item of a list answer's `data`.
    var slugs: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["slug"]?.stringValue } }
    /// The `id` of each item of a list answer's `data`.
    var ids: [Int64] { (self["data"]?.arrayValue ?? []).compactMap { $0["id"]?.int64Value } }
}

extension TestResponse {
    /// The `errors` of a problem answer as `field: message` lines.
    var fieldErrors: [String] {
        guard let errors = (try? json())?["errors"]?.arrayValue else { return [] }
        return errors.map { "\($0["field"]?.stringValue ?? "?"): \($0["message"]?.stringValue ?? "?")" }
    }

    /// The target of `Link: <…>; rel="next"`.
    var nextLink: String? {
        guard let link = header("Link"), let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">")
        else { return nil }
        return String(link[link.index(after: open)..<close])
    }
}

/// RFC 3339 for a time `offset` seconds from now.
func isoTime(fromNow offset: Int64) -> String {
    Timestamp(seconds: Timestamp.now().seconds + offset).rfc3339
}
