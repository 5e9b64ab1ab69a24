import GoodNews
import HTTP

/// `GET /v1/stream/tallies[?case=ref]`: live tally counters as Server-Sent Events (see `TallyHub`).
struct StreamRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        router.get("/v1/stream/tallies") { [context] request in
            let reference = try TallyQuery.caseParameter.reference(request.query)
            let lastEventID = try StreamRoutes.lastEventID(request)
            return .later {
                var caseID: Int64?
                if let reference {
                    guard let target = try context.storage.read({ try $0.actions.target(reference) })
                    else { throw ServiceError.notFound("no case \(reference)") }
                    caseID = target.id
                }
                let stream = ResponseStream()
                try context.tallyHub.subscribe(stream, caseID: caseID, lastEventID: lastEventID)
                var headers = Headers()
                headers.add("Content-Type", "text/event-stream; charset=utf-8")
                headers.add("Cache-Control", "no-cache")
                // Proxies such as nginx would otherwise hold events back in their buffers.
                headers.add("X-Accel-Buffering", "no")
                return Response(status: 200, headers: headers, body: .stream(stream))
            }
        }
    }

    /// `Last-Event-ID`, which browsers send when they reconnect: the id of an event we sent, so decimal digits
    /// only (at most 18: no sign, no `+`, nothing that could overflow); empty is the same as absent; else 400.
    static func lastEventID(_ request: Request) throws(ServiceError) -> Int64? {
        guard let text = request.headers["Last-Event-ID"], !text.isEmpty else { return nil }
        guard let id = ListParameters.decimal(text) else {
            throw ServiceError.badRequest("Last-Event-ID must be the id of an event of this stream (digits only)")
        }
        return Int64(id)
    }
}
