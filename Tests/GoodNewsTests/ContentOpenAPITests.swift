@testable import API
@testable import GoodNews
import HTTP
import JSON
import Testing

/// The posts and cases features describe exactly the routes they register, and every schema they
/// reference exists (their own, or the shared `Problem`).
@Suite struct ContentOpenAPITests {
    @Test func documentedRoutesAreTheRegisteredOnes() throws {
        let server = try TestServer()
        defer { server.stop() }
        let features: [any Feature] = [PostRoutes(context: server.app.context), CaseRoutes(context: server.app.context)]
        for feature in features {
            var router = Router()
            feature.register(on: &router)
            let registered = Set(router.routes.map { "\($0.method.rawValue.lowercased()) \($0.pattern)" })
            let documented = Set(feature.openAPIPaths.map { "\($0.method) \($0.path)" })
            #expect(registered == documented)

            let names = Set(feature.openAPISchemas.map(\.name))
            var references: [String] = []
            for (_, _, operation) in feature.openAPIPaths { collectReferences(operation, into: &references) }
            for (_, schema) in feature.openAPISchemas { collectReferences(schema, into: &references) }
            for reference in references {
                let name = String(reference.dropFirst("#/components/schemas/".count))
                #expect(reference.hasPrefix("#/components/schemas/") && (names.contains(name) || name == "Problem"),
                        "\(reference)")
            }
            for (_, method, operation) in feature.openAPIPaths {
                let statuses = operation["responses"]?.objectValue?.keys ?? []
                #expect(statuses.contains(method == "post" ? "201" : method == "delete" ? "204" : "200"))
                #expect(statuses.contains("401") && statuses.contains("503"))
            }
        }
    }

    private func collectReferences(_ value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let object):
            for member in object.members {
                if member.key == "$ref", let text = member.value.stringValue { references.append(text) }
                collectReferences(member.value, into: &references)
            }
        case .array(let elements):
            for element in elements { collectReferences(element, into: &references) }
        default: break
        }
    }
}
