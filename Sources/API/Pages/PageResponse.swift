import HTTP

/// The headers every page and asset of the site carries.
///
/// The Content-Security-Policy allows this origin only: no inline script or style, no third-party
/// anything except pictures (a post's photo is an https URL of the editors' choosing);
/// `connect-src 'self'` covers the scripts' fetch and EventSource calls to this API.
/// `no-cache` with an ETag: a browser revalidates each time (a 304 costs a round trip, no body),
/// so an edit or a new action shows on the next load.
enum PageResponse {
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' https: data:; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    static let htmlType = "text/html; charset=utf-8"

    static func page(_ body: [UInt8], etag: String?, status: Int = 200,
                     contentType: String = htmlType) -> Response {
        var response = Response(status: status, contentType: contentType, bytes: body)
        if let etag { response.headers.add("ETag", etag) }
        response.headers.add("Cache-Control", status == 200 ? "public, no-cache" : "no-store")
        addSecurityHeaders(&response)
        return response
    }

    static func addSecurityHeaders(_ response: inout Response) {
        response.headers.add("Content-Security-Policy", contentSecurityPolicy)
        response.headers.add("X-Content-Type-Options", "nosniff")
        response.headers.add("Referrer-Policy", "strict-origin-when-cross-origin")
    }
}

/// A page that cannot be shown (no such post, a broken link): rendered with `error.mustache`, never cached.
struct PageError: Error {
    let status: Int
    let heading: String
    let message: String

    static func notFound(_ message: String = "There is no page at this address. It may have moved, or the "
                         + "link may be mistyped.") -> PageError {
        PageError(status: 404, heading: "Page not found", message: message)
    }
}
