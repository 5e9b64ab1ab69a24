import Foundation
import JSON
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func document(_ server: TestServer) throws -> JSONValue {
        let response = try server.get("/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("ETag") != nil)
        return try response.json()
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws {
        let server = try TestServer()
        defer { server.stop() }
        let document = try Self.document(server)
        #expect(document["openapi"] == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        var documented = Set<String>()
        for (path, item) in paths.members {
            for (method, _) in item.objectValue?.members ?? [] where Self.methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let routed = Set(server.app.router.routes.map { "\($0.method.rawValue) \($0.pattern)" })
        #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
        #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
        #expect(routed.contains("GET /v1/search") && routed.contains("GET /openapi.json"))
    }

    @Test func referencesResolveAndOperationIdsAreUnique() throws {
        let server = try TestServer()
        defer { server.stop() }
        let document = try Self.document(server)
        var references: [String] = []
        Self.collectReferences(document, into: &references)
        #expect(!references.isEmpty)
        for reference in Set(references) {
            #expect(Self.resolve(reference, in: document) != nil, "unresolved \(reference)")
        }
        var ids: [String] = []
        for (_, item) in document["paths"]?.objectValue?.members ?? [] {
            for (_, operation) in item.objectValue?.members ?? [] {
                if let id = operation["operationId"]?.stringValue { ids.append(id) }
                #expect(operation["responses"]?.objectValue?.isEmpty == false)
            }
        }
        #expect(Set(ids).count == ids.count, "duplicate operationId")
        for name in ["Problem", "FieldError"] { #expect(document["components"]?["schemas"]?[name] != nil) }
        for name in ["limit", "cursor", "include_total", "ref"] { #expect(document["components"]?["parameters"]?[name] != nil) }
        for name in ["ETag", "Link", "X-Total-Count", "X-Request-Id"] { #expect(document["components"]?["headers"]?[name] != nil) }
        #expect(document["components"]?["securitySchemes"]?["bearer"]?["scheme"] == "bearer")
    }

    /// The official validator, when this machine has it (`pip install openapi-spec-validator`).
    @Test func openapiSpecValidatorAcceptsTheDocument() throws {
        let server = try TestServer()
        defer { server.stop() }
        let file = server.directory + "/openapi.json"
        try Data(try server.get("/openapi.json").body).write(to: URL(fileURLWithPath: file))
        let script = """
            import json, sys
            try:
                from openapi_spec_validator import validate
            except ImportError:
                print("SKIP: openapi_spec_validator is not installed"); sys.exit(0)
            validate(json.load(open(sys.argv[1])))
            print("valid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            print("OpenAPITests: skipped, python3 cannot run: \(error)")
            return
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 || text.hasPrefix("SKIP") {
            print("OpenAPITests: skipped validation: \(text)")
            return
        }
        #expect(process.terminationStatus == 0 && text.contains("valid"), "\(text)")
    }

    static func collectReferences(_ value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "$ref", let reference = member.stringValue { references.append(reference) }
                collectReferences(member, into: &references)
            }
        case .array(let elements):
            for element in elements { collectReferences(element, into: &references) }
        default:
            break
        }
    }

    static func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            current = current?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return current
    }
}
