import GoodNews
import JSON

extension OperationsRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        let status = OpenAPI.object([("status", OpenAPI.type("string"))], required: ["status"])
        let unready = OpenAPI.object([
            ("status", OpenAPI.enumeration(["unavailable"])),
            ("reason", OpenAPI.type("string", "`database unreachable` or `migrations pending`.")),
        ], required: ["status", "reason"])
        return [
            ("/healthz", "get", OpenAPI.operation(
                "getHealth", tag: "operations", summary: "Liveness: the process answers.",
                responses: [("200", OpenAPI.response("`{\"status\":\"ok\"}`", schema: status))])),
            ("/readyz", "get", OpenAPI.operation(
                "getReadiness", tag: "operations", summary: "Readiness: the database answers and its migrations are current.",
                responses: [
                    ("200", OpenAPI.response("`{\"status\":\"ready\"}`", schema: status)),
                    ("503", OpenAPI.response("Not ready.", schema: unready, headers: [])),
                ])),
        ]
    }
}
