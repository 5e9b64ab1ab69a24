extension Problem {
    /// The problem as an `application/problem+json` response with its extra headers
    /// (and `Connection: close` when the connection must not be reused).
    public var response: Response {
        var headers = Headers([(name: "Content-Type", value: "application/problem+json")])
        for field in self.headers { headers.add(field.name, field.value) }
        if closeConnection { headers.set("Connection", "close") }
        return Response(status: status, headers: headers, body: .bytes(jsonBytes))
    }

    /// `{"type","title","status","detail"?,"errors"?}`, written with a private escaper
    /// (the HTTP layer needs only strings and integers, and this keeps it free of the JSON module's types).
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + (detail?.utf8.count ?? 0) + errors.count * 48)
        out.append(contentsOf: "{\"type\":".utf8)
        JSONText.appendQuoted(type, to: &out)
        out.append(contentsOf: ",\"title\":".utf8)
        JSONText.appendQuoted(title, to: &out)
        out.append(contentsOf: ",\"status\":".utf8)
        JSONText.appendInteger(status, to: &out)
        if let detail {
            out.append(contentsOf: ",\"detail\":".utf8)
            JSONText.appendQuoted(detail, to: &out)
        }
        if !errors.isEmpty {
            out.append(contentsOf: ",\"errors\":[".utf8)
            for (index, error) in errors.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "{\"field\":".utf8)
                JSONText.appendQuoted(error.field, to: &out)
                out.append(contentsOf: ",\"message\":".utf8)
                JSONText.appendQuoted(error.message, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The answer to an error a handler threw: its problem, or a 500 that shows nothing of the error.
    public static func from(_ error: any Error) -> Problem {
        if let convertible = error as? any ProblemConvertible { return convertible.problem }
        return Problem(status: 500)
    }
}
