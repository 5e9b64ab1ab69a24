import HTTP
import JSON

/// The admin write routes that posts and cases share: check the token, decode the body, write, empty the
/// answer cache (after the commit, before answering), answer without caching.
enum ContentWrites {
    /// `POST /v1/<collection>`: 201 with `Location: /v1/<collection>/<slug>`.
    static func create(_ request: Request, _ context: AppContext, collection: String,
                       _ write: @escaping @Sendable (JSONObject) throws -> (StoredContent, [UInt8])) -> Reply {
        .later {
            _ = try context.authenticator.requireAdmin(request)
            let body = try RouteSupport.jsonObject(request)
            let (stored, json) = try write(body)
            context.cache.contentChanged()
            return ContentAnswers.privateItem(json, status: 201,
                                              headers: ["Location": "/v1/\(collection)/" + stored.slug])
        }
    }

    /// `PATCH /v1/<collection>/{ref}`: the updated item.
    static func update(_ request: Request, _ context: AppContext,
                       _ write: @escaping @Sendable (ContentRef, JSONObject) throws -> [UInt8]) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        return .later {
            _ = try context.authenticator.requireAdmin(request)
            let body = try RouteSupport.jsonObject(request)
            let json = try write(ref, body)
            context.cache.contentChanged()
            return ContentAnswers.privateItem(json)
        }
    }

    /// `DELETE /v1/<collection>/{ref}`: 204.
    static func delete(_ request: Request, _ context: AppContext,
                       _ write: @escaping @Sendable (ContentRef) throws -> Void) -> Reply {
        let ref = ContentRef(request.parameters["ref"] ?? "")
        return .later {
            _ = try context.authenticator.requireAdmin(request)
            try write(ref)
            context.cache.contentChanged()
            return Response(status: 204, headers: ["Cache-Control": ContentAnswers.privateCacheControl])
        }
    }
}
