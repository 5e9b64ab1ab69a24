import GoodNews
import Foundation
import HTTP
import Log

/// `GET /assets/{file}` (the site's scripts, style sheets and pictures, from `public/`) and `GET /admin`
/// (the editor's console, `public/admin.html`), read once at start and answered from memory with a
/// strong ETag and the site's security headers (`PageResponse`). Only names listed in the folder are
/// served: a path parameter is one segment, so `..` or `/` can never reach outside it.
struct AssetRoutes: Feature {
    let context: AppContext

    struct File: Sendable {
        let contentType: String
        let bytes: [UInt8]
        let etag: String
    }

    func register(on router: inout Router) {
        let files = AssetRoutes.load(directory: context.assets.publicFiles, logger: context.logger)
        router.get("/admin") { _ in
            guard let page = files["admin.html"] else {
                return .now(Problem(status: 404, detail: "the editor's console is not installed (public/admin.html)").response)
            }
            return .now(AssetRoutes.response(page, cacheControl: "no-cache"))
        }
        router.get("/assets/{file}") { request in
            guard let name = request.parameters["file"], let file = files[name] else {
                return .now(Problem(status: 404, detail: "no such file").response)
            }
            return .now(AssetRoutes.response(file, cacheControl: "public, no-cache"))
        }
    }

    static func response(_ file: File, cacheControl: String) -> Response {
        var response = Response(status: 200, contentType: file.contentType, bytes: file.bytes)
        response.headers.add("ETag", file.etag)
        response.headers.add("Cache-Control", cacheControl)
        PageResponse.addSecurityHeaders(&response)
        return response
    }

    /// The regular files directly in `directory` with a known type, by name; missing folder: none.
    static func load(directory: String, logger: Logger) -> [String: File] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            logger.warn("assets: no folder \(directory)")
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
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "ico": return "image/x-icon"
        case "png": return "image/png"
        case "txt": return "text/plain; charset=utf-8"
        default: return nil
        }
    }
}
