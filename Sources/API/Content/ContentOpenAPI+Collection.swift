import GoodNews
import JSON

/// What the posts and cases collections describe alike: their five operations' paths, their list schema,
/// and the response sets of reads and writes, so each collection only writes down what differs.
extension ContentOpenAPI {
    typealias PathEntry = (path: String, method: String, operation: JSONValue)

    /// `/v1/<collection>` (list, create) and `/v1/<collection>/{ref}` (read, change, delete).
    static func paths(_ collection: String, list: JSONValue, create: JSONValue, item: JSONValue,
                      update: JSONValue, delete: JSONValue) -> [PathEntry] {
        [
            ("/v1/\(collection)", "get", list),
            ("/v1/\(collection)", "post", create),
            ("/v1/\(collection)/{ref}", "get", item),
            ("/v1/\(collection)/{ref}", "patch", update),
            ("/v1/\(collection)/{ref}", "delete", delete),
        ]
    }

    /// The schemas of a collection: `<item>`, its `related` parts, `<item>Input`, `<item>Patch`, `<item>List`.
    static func schemas(item: String, noun: String, schema: JSONValue, related: [(name: String, schema: JSONValue)],
                        input: (_ patch: Bool) -> JSONValue) -> [(name: String, schema: JSONValue)] {
        [(item, schema)] + related + [
            (item + "Input", input(false)),
            (item + "Patch", input(true)),
            (item + "List", listSchema(item: item, noun: noun)),
        ]
    }

    /// `{"data": [<item>...], "next_cursor": ...}`.
    static func listSchema(item: String, noun: String) -> JSONValue {
        object([
            ("data", value("array", "The page, newest first.", [("items", schema(item))])),
            ("next_cursor", value("string", "Pass as `cursor` for the next page; null on the last page.",
                                  nullable: true)),
        ], required: ["data", "next_cursor"], description: "A page of \(noun).")
    }

    /// `ETag` and `Cache-Control` of a read.
    static func readHeaders(cacheControl text: String) -> [(String, JSONValue)] {
        [("ETag", etag), ("Cache-Control", cacheControl(text))]
    }

    /// `Link` and `X-Total-Count` of a list page.
    static func pageHeaders(noun: String) -> [(String, JSONValue)] {
        [
            ("Link", header("`<…>; rel=\"next\"` when there is a next page.")),
            ("X-Total-Count", header("With `include_total=true`: all \(noun) matching the filters.", type: "integer")),
        ]
    }

    /// A read's responses: `ok` (200), 304, 400 when the request can be bad, 401, 404 when it names one item, 503.
    static func readResponses(_ ok: JSONValue, badRequest: String? = nil,
                              notFound: String? = nil) -> [(String, JSONValue)] {
        var responses: [(String, JSONValue)] = [("200", ok), ("304", notModified)]
        if let badRequest { responses.append(("400", problem(badRequest))) }
        responses.append(("401", unauthorized))
        if let notFound { responses.append(("404", problem(notFound))) }
        responses.append(("503", unavailable))
        return responses
    }

    static let validationFailed = "Validation failed; `errors` has one entry per field."

    /// An admin write's responses: `success`, then 400 (with a body), 401, 404 (`notFound`), 409 (`conflict`),
    /// 415 and 422 (with a body, `invalid`), 503.
    static func writeResponses(_ success: (String, JSONValue), body: Bool, notFound: String? = nil,
                               conflict: String? = nil,
                               invalid: String = validationFailed) -> [(String, JSONValue)] {
        var responses: [(String, JSONValue)] = [success]
        if body { responses.append(("400", malformedBody)) }
        responses.append(("401", unauthorized))
        if let notFound { responses.append(("404", problem(notFound))) }
        if let conflict { responses.append(("409", problem(conflict))) }
        if body {
            responses.append(("415", unsupportedMediaType))
            responses.append(("422", problem(invalid)))
        }
        responses.append(("503", unavailable))
        return responses
    }

    /// The 201 of a create: the item as stored, with its `Location`.
    static func created(item: String, collection: String, noun: String) -> (String, JSONValue) {
        ("201", json("Created; the \(noun) as stored.", schema: schema(item), headers: [
            ("Location", header("`/v1/\(collection)/<slug>`.")),
        ]))
    }

    /// The 200 of a change: the item as it now is.
    static func updated(item: String, noun: String) -> (String, JSONValue) {
        ("200", json("The \(noun) as it now is.", schema: schema(item)))
    }

    static let deleted: (String, JSONValue) = ("204", ["description": "Deleted."])
}
