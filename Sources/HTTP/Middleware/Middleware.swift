/// A step around every handler. `willHandle` runs in list order before the route and may answer at once
/// (the rest is skipped); `didHandle` runs in reverse order on the answer, on the thread that produced it
/// (the event loop for `.now`, a pool thread for `.later`), so keep it cheap.
public protocol Middleware: Sendable {
    /// Inspect or amend the request; return a response to answer without running the route.
    func willHandle(_ request: inout Request) -> Response?
    /// Amend the response (headers, body) before it is written.
    func didHandle(_ request: Request, _ response: inout Response)
}

extension Middleware {
    public func willHandle(_ request: inout Request) -> Response? { nil }
    public func didHandle(_ request: Request, _ response: inout Response) {}
}
