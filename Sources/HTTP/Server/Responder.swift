import Log
/// Runs middleware around the router and turns thrown errors into problem answers.
struct Responder: Sendable {
    enum Outcome {
        case now(Response)
        /// Work for the blocking pool; it returns the finished response (middleware already applied).
        case later(DeferredAnswer)
    }

    let router: Router
    let middleware: [any Middleware]
    let logger: Logger

    /// `request` comes back as the middleware left it (request id, route), for the access log.
    func respond(to request: inout Request) -> Outcome {
        for index in middleware.indices {
            if var response = middleware[index].willHandle(&request) {
                finish(request, &response, through: index)
                return .now(response)
            }
        }
        let reply: Reply
        do {
            reply = try router.respond(to: &request)
        } catch {
            var response = answer(to: error, request)
            finish(request, &response, through: middleware.count)
            return .now(response)
        }
        switch reply {
        case .now(var response):
            finish(request, &response, through: middleware.count)
            return .now(response)
        case .later(let work):
            return .later(DeferredAnswer(responder: self, request: request, work: work))
        }
    }

    /// `didHandle` in reverse order, for the middleware whose `willHandle` ran before `end`.
    fileprivate func finish(_ request: Request, _ response: inout Response, through end: Int) {
        var index = end
        while index > 0 {
            index -= 1
            middleware[index].didHandle(request, &response)
        }
    }

    fileprivate func answer(to error: any Error, _ request: Request) -> Response {
        let problem = router.errorMapper?(error) ?? Problem.from(error)
        if problem.status >= 500, !(error is any ProblemConvertible) {
            logger.error("handler failed", ["method": request.method.rawValue, "path": request.path,
                                            "id": request.id, "error": String(describing: error)])
        }
        return problem.response
    }
}

/// A `.later` answer: the handler's work, finished through the middleware on the thread that runs it.
/// Every middleware whose `willHandle` ran sees exactly one `didHandle`, whether the work runs or is refused.
struct DeferredAnswer: Sendable {
    let responder: Responder
    let request: Request
    let work: @Sendable () throws -> Response

    /// Runs the work (on a pool thread).
    func run() -> Response {
        var response: Response
        do { response = try work() } catch { response = responder.answer(to: error, request) }
        responder.finish(request, &response, through: responder.middleware.count)
        return response
    }

    /// The answer when the pool cannot take the work: `problem`, through the middleware; the work never runs.
    func refused(_ problem: Problem) -> Response {
        var response = problem.response
        responder.finish(request, &response, through: responder.middleware.count)
        return response
    }
}
