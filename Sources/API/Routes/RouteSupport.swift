import GoodNews
import HTTP
import JSON

/// Translating between HTTP and the services: bodies in, JSON out, errors to problems.
enum RouteSupport {
    static let jsonContentType = "application/json; charset=utf-8"

    /// The request body as a JSON object: 415 unless it is `application/json`, 400 naming the fault when it
    /// does not parse or is not an object.
    static func jsonObject(_ request: Request) throws -> JSONObject {
        guard let type = request.headers["Content-Type"], isJSON(type) else {
            throw Problem(status: 415, detail: "send the body as application/json")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body)
        } catch {
            throw Problem(status: 400, detail: "malformed JSON: \(error.description)")
        }
        guard case .object(let object) = value else {
            throw Problem(status: 400, detail: "the body must be a JSON object")
        }
        return object
    }

    /// `application/json`, any case, with or without parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let trimmed = mediaType.trimmingSpacesAndTabs
        return trimmed.lowercased() == "application/json"
    }

    /// A JSON answer; `cacheControl` nil leaves caching to the client's defaults.
    static func json(_ bytes: [UInt8], status: Int = 200, cacheControl: String? = nil,
                     etag: String? = nil, headers: Headers = Headers()) -> Response {
        var response = Response(status: status, headers: headers, body: .bytes(bytes))
        response.headers.add("Content-Type", jsonContentType)
        if let cacheControl { response.headers.add("Cache-Control", cacheControl) }
        if let etag { response.headers.add("ETag", etag) }
        return response
    }
}
