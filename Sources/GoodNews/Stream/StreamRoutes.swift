import HTTP

/// `GET /v1/stream/tallies[?case=ref]`: live tally counters as Server-Sent Events (see `TallyHub`).
struct StreamRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        router.get("/v1/stream/tallies") { [context] request in
            let reference = try request.queryValue("case").map { text throws(ServiceError) in
                guard let parsed = ActionTarget.Reference(text) else {
                    throw ServiceError.badRequest("case must be a case id or slug")
                }
                return parsed
            }
            // Browsers send the id of the last event they saw when they reconnect.
            let lastEventID = request.headers["Last-Event-ID"].flatMap { Int64($0.trimming(" \t")) }
            return .later {
                var caseID: Int64?
                if let reference {
                    guard let target = try RouteSupport.storage({
                        try context.database.read { try ActionStore.findCase(reference, on: $0) }
                    }) else { throw ServiceError.notFound("no case \(reference.text)") }
                    caseID = target.id
                }
                let stream = ResponseStream()
                try RouteSupport.storage {
                    try context.tallyHub.subscribe(stream, caseID: caseID, lastEventID: lastEventID)
                }
                var headers = Headers()
                headers.add("Content-Type", "text/event-stream; charset=utf-8")
                headers.add("Cache-Control", "no-cache")
                // Proxies such as nginx would otherwise hold events back in their buffers.
                headers.add("X-Accel-Buffering", "no")
                return Response(status: 200, headers: headers, body: .stream(stream))
            }
        }
    }
}
