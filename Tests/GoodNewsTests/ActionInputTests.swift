@testable import API
@testable import GoodNews
import JSON
import Testing

@Suite struct ActionInputTests {
    private func read(_ text: String) throws -> ActionInput {
        guard case .object(let object) = try JSONValue.parse(Array(text.utf8)) else { throw ServiceError.badRequest("") }
        return try ActionInput.read(object)
    }

    @Test func defaultsAndNormalisation() throws {
        #expect(try read(#"{"kind":"letter"}"#) == ActionInput(kind: .letter))
        #expect(try read(#"{"kind":"social","count":3.0,"country":"ss","source":"w4r"}"#)
                    == ActionInput(kind: .social, count: 3, country: "SS", source: "w4r"))
    }

    @Test func reportsEveryFaultAtOnce() throws {
        do {
            _ = try read(#"{"kind":"fax","count":-1,"country":"ÇA","source":7,"extra":1}"#)
            Issue.record("expected a validation error")
        } catch let error as ServiceError {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            #expect(Set(issues.map(\.field)) == ["extra", "kind", "count", "country", "source"])
        }
    }

    @Test func sourceLengthCountsCharactersAsSQLiteDoes() throws {
        #expect(try read(#"{"kind":"letter","source":"\#(String(repeating: "é", count: 200))"}"#).source?.count == 200)
        #expect(throws: ServiceError.self) { try read(#"{"kind":"letter","source":"\#(String(repeating: "é", count: 201))"}"#) }
    }

    @Test func canonicalFormIgnoresSpellingButNotMeaning() throws {
        let a = try read(#"{"kind":"letter"}"#), b = try read(#"{"count":1,"kind":"letter","country":null}"#)
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(try read(#"{"kind":"letter","country":"CA"}"#).canonicalBytes
                    != read(#"{"kind":"letter","source":"CA"}"#).canonicalBytes)
        #expect(ActionService.fingerprint(a, caseID: 1, asAdmin: false) != ActionService.fingerprint(a, caseID: 2, asAdmin: false))
        #expect(ActionService.fingerprint(a, caseID: 1, asAdmin: false) != ActionService.fingerprint(a, caseID: 1, asAdmin: true))
        #expect(ActionService.fingerprint(a, caseID: 1, asAdmin: false).utf8.count == 64)
    }

    @Test(arguments: [("203.0.113.9", "203.0.113.9"), ("::ffff:192.0.2.1", "192.0.2.1"),
                      ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"), ("2001:db8:1:2::9", "2001:db8:1:2::/64")])
    func clientAddressKeys(address: String, key: String) {
        #expect(ClientAddress.parse(address) == key)
    }

    @Test func garbageIsNotAnAddress() {
        #expect(ClientAddress.parse("unknown") == nil)
        #expect(ClientAddress.parse("1.2.3") == nil)
    }
}
