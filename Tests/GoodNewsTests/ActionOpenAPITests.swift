@testable import API
@testable import GoodNews
import HTTP
import JSON
import Testing

@Suite struct ActionOpenAPITests {
    @Test func everyActionTallyAndStreamRouteIsDocumented() throws {
        let server = try TestServer()
        defer { server.stop() }
        let context = server.app.context
        let features: [any Feature] = [ActionRoutes(context: context), TallyRoutes(context: context),
                                       StreamRoutes(context: context)]
        var schemas = Set<String>()
        for feature in features {
            var router = Router()
            feature.register(on: &router)
            let registered = router.routes.map { "\($0.method.rawValue.lowercased()) \($0.pattern)" }
            let documented = feature.openAPIPaths.map { "\($0.method) \($0.path)" }
            #expect(registered.sorted() == documented.sorted())
            for path in feature.openAPIPaths {
                #expect(path.operation["responses"]?.objectValue?.isEmpty == false, "\(path.path)")
            }
            for schema in feature.openAPISchemas { schemas.insert(schema.name) }
        }
        // Every schema referenced is defined here, except the shared Problem.
        var references = Set<String>()
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for member in object.members {
                    if member.key == "$ref", let text = member.value.stringValue {
                        references.insert(String(text.split(separator: "/").last ?? ""))
                    }
                    collect(member.value)
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        for feature in features {
            feature.openAPIPaths.forEach { collect($0.operation) }
            feature.openAPISchemas.forEach { collect($0.schema) }
        }
        #expect(references.subtracting(schemas) == ["Problem"])
    }
}
