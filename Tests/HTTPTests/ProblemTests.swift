import HTTP
import Testing

@Suite struct ProblemTests {
    @Test func writesRFC9457Documents() {
        let problem = Problem(status: 422, detail: "Check \"title\".", errors: [.init(field: "title", message: "is required")],
                              headers: ["Retry-After": "3"])
        let response = problem.response
        #expect(response.status == 422)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.headers["Retry-After"] == "3")
        #expect(response.headers["Connection"] == nil)
        guard case .bytes(let body) = response.body else { Issue.record("no body"); return }
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"Check \"title\".","errors":[{"field":"title","message":"is required"}]}"#)
    }

    @Test func closingProblemsAskToClose() {
        #expect(Problem(status: 400, closeConnection: true).response.headers["Connection"] == "close")
    }

    @Test func unknownErrorsBecomeBare500s() {
        struct Secret: Error {}
        let problem = Problem.from(Secret())
        #expect(problem.status == 500)
        #expect(problem.detail == nil)
        #expect(Problem.from(Problem(status: 409)).status == 409)
    }
}
