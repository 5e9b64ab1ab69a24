/// Runs middleware around the router and turns thrown errors into problem answers.
struct Responder: Sendable {
    enum Outcome {
        case now(Response)
        /// Work for the blocking pool; it returns the finished response (middleware already applied).
        case later(@Sendable () -> Response)
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
            let request = request
            return .later {
                var response: Response
                do { response = try work() } catch { response = answer(to: error, request) }
                finish(request, &response, through: middleware.count)
                return response
            }
        }
    }

    /// `didHandle` in reverse order, for the middleware whose `willHandle` ran before `end`.
    private func finish(_ request: Request, _ response: inout Response, through end: Int) {
        var index = end
        while index > 0 {
            index -= 1
            middleware[index].didHandle(request, &response)
        }
    }

    private func answer(to error: any Error, _ request: Request) -> Response {
        let problem = router.errorMapper?(error) ?? Problem.from(error)
        if problem.status >= 500, !(error is any ProblemConvertible) {
            logger.error("handler failed", ["method": request.method.rawValue, "path": request.path,
                                            "id": request.id, "error": String(describing: error)])
        }
        return problem.response
    }
}
