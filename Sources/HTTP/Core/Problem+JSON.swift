import JSON

extension Problem {
    /// The problem as an `application/problem+json` response with its extra headers
    /// (and `Connection: close` when the connection must not be reused).
    public var response: Response {
        var headers = Headers([(name: "Content-Type", value: "application/problem+json")])
        for field in self.headers { headers.add(field.name, field.value) }
        if closeConnection { headers.set("Connection", "close") }
        return Response(status: status, headers: headers, body: .bytes(jsonBytes))
    }

    /// `{"type","title","status","detail"?,"errors"?:[{"field","message"}]}` (RFC 9457).
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 96 + (detail?.utf8.count ?? 0) + errors.count * 48)
        writer.beginObject()
        writer.key("type"); writer.string(type)
        writer.key("title"); writer.string(title)
        writer.key("status"); writer.int(status)
        if let detail { writer.key("detail"); writer.string(detail) }
        if !errors.isEmpty {
            writer.key("errors")
            writer.beginArray()
            for error in errors {
                writer.beginObject()
                writer.key("field"); writer.string(error.field)
                writer.key("message"); writer.string(error.message)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return writer.bytes
    }

    /// The answer to an error a handler threw: its problem, or a 500 that shows nothing of the error.
    public static func from(_ error: any Error) -> Problem {
        if let convertible = error as? any ProblemConvertible { return convertible.problem }
        return Problem(status: 500)
    }
}
