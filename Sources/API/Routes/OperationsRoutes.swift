import GoodNews
import HTTP
import JSON

/// `/healthz` (the process answers), `/readyz` (the database answers and its schema is current).
struct OperationsRoutes: Feature {
    let context: AppContext

    private static let healthy = Array(#"{"status":"ok"}"#.utf8)
    private static let healthyTag = EntityTag.strong(for: healthy)

    func register(on router: inout Router) {
        router.get("/healthz") { _ in
            .now(RouteSupport.json(OperationsRoutes.healthy, cacheControl: "no-store", etag: OperationsRoutes.healthyTag))
        }
        router.get("/readyz") { [context] _ in
            .later {
                let current: Bool
                do {
                    current = try context.storage.isSchemaCurrent()
                } catch {
                    return OperationsRoutes.notReady("database unreachable")
                }
                guard current else { return OperationsRoutes.notReady("migrations pending") }
                return RouteSupport.json(Array(#"{"status":"ready"}"#.utf8), cacheControl: "no-store")
            }
        }
    }

    private static func notReady(_ reason: String) -> Response {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.key("status"); writer.string("unavailable")
        writer.key("reason"); writer.string(reason)
        writer.endObject()
        return RouteSupport.json(writer.bytes, status: 503, cacheControl: "no-store")
    }
}
