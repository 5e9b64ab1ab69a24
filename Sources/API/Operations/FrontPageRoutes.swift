import GoodNews
import Foundation
import HTTP
import JSON
import Log

/// `GET /` (public/index.html) and `GET /assets/{file}` (the page's script and style sheet), read once at
/// start from `Assets.publicFiles` and answered from memory with a strong ETag.
///
/// The Content-Security-Policy allows this origin only: no inline script or style, no third-party
/// anything; `connect-src 'self'` covers the page's fetch and EventSource calls to this API.
struct FrontPageRoutes: Feature {
    let context: AppContext

    static let contentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'; object-src 'none'"

    struct File: Sendable {
        let contentType: String
        let bytes: [UInt8]
        let etag: String
    }

    func register(on router: inout Router) {
        let files = FrontPageRoutes.load(directory: context.assets.publicFiles, logger: context.logger)
        router.get("/") { _ in
            guard let page = files["index.html"] else {
                return .now(Problem(status: 404, detail: "no front page is installed (public/index.html)").response)
            }
            return .now(FrontPageRoutes.response(page))
        }
        router.get("/assets/{file}") { request in
            guard let name = request.parameters["file"], name != "index.html", let file = files[name] else {
                return .now(Problem(status: 404, detail: "no such file").response)
            }
            return .now(FrontPageRoutes.response(file))
        }
    }

    static func response(_ file: File) -> Response {
        var response = Response(status: 200, contentType: file.contentType, bytes: file.bytes)
        response.headers.add("ETag", file.etag)
        response.headers.add("Cache-Control", "public, no-cache")
        response.headers.add("Content-Security-Policy", contentSecurityPolicy)
        response.headers.add("X-Content-Type-Options", "nosniff")
        response.headers.add("Referrer-Policy", "no-referrer")
        return response
    }

    /// The regular files directly in `directory` with a known type, by name; missing folder: none.
    static func load(directory: String, logger: Logger) -> [String: File] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            logger.warn("front page: no folder \(directory)")
            return [:]
        }
        var files: [String: File] = [:]
        for name in names {
            guard let type = contentType(of: name),
                  let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            let bytes = [UInt8](data)
            files[name] = File(contentType: type, bytes: bytes, etag: EntityTag.strong(for: bytes))
        }
        return files
    }

    static func contentType(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), !name.hasPrefix(".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "ico": return "image/x-icon"
        case "png": return "image/png"
        case "txt": return "text/plain; charset=utf-8"
        default: return nil
        }
    }
}
