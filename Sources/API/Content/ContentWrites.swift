import GoodNews
import HTTP
import JSON

/// The admin write routes that posts and cases share: check the token, decode the body, write, answer
/// without caching. The answer cache is emptied by the storage's commit hook (`AppContext`), before the
/// write returns.
enum ContentWrites {
    /// `POST /v1/<collection>`: 201 with `Location: /v1/<collection>/<slug>`.
    static func create(_ request: Request, _ context: AppContext, collection: String,
                       _ write: @escaping @Sendable (JSONObject) throws -> some JSONRendering & ContentItem) -> Reply {
        .later {
            _ = try context.authenticator.requireAdmin(request)
            let body = try RouteSupport.jsonObject(request)
            let item = try write(body)
            return ContentAnswers.privateItem(item.json, status: 201,
                                              headers: ["Location": "/v1/\(collection)/" + item.slug])
        }
    }

    /// `PATCH /v1/<collection>/{ref}`: the updated item.
    static func update(_ request: Request, _ context: AppContext,
                       _ write: @escaping @Sendable (ContentRef, JSONObject) throws -> some JSONRendering) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        return .later {
            _ = try context.authenticator.requireAdmin(request)
            let body = try RouteSupport.jsonObject(request)
            return ContentAnswers.privateItem(try write(ref, body).json)
        }
    }

    /// `DELETE /v1/<collection>/{ref}`: 204.
    static func delete(_ request: Request, _ context: AppContext,
                       _ write: @escaping @Sendable (ContentRef) throws -> Void) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        return .later {
            _ = try context.authenticator.requireAdmin(request)
            try write(ref)
            return Response(status: 204, headers: ["Cache-Control": ContentAnswers.privateCacheControl])
        }
    }
}

/// A post or case: where a `Location` header points.
protocol ContentItem {
    var slug: String { get }
}

extension Post: ContentItem {}
extension Case: ContentItem {}
