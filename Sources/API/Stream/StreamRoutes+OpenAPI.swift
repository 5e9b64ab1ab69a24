import GoodNews
import JSON

extension StreamRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        typealias API = TallyOpenAPI
        let operation: JSONValue = [
            "operationId": "streamTallies",
            "tags": ["tallies"],
            "summary": "Live tallies as Server-Sent Events",
            "description": """
                Starts with `retry: 3000`. Then `event: tally` with \
                `data: {"case": slug, "total": N, "by_kind": {…}}` whenever a case's total changes, at most \
                4 times a second per case (changes in between are folded into the next event), and a \
                `: heartbeat` comment every 15 seconds. `id:` is the newest action id the figures include \
                (on the last event of each batch). With `case`, the stream starts with that case's current \
                tally. Without it, a `Last-Event-ID` (sent by browsers when they reconnect) brings the current \
                tally of every case that changed after that id, so a reconnecting page misses nothing; no \
                history is kept beyond the current figures. A client that stops reading is disconnected once \
                its unsent backlog passes the server's bound. Streams end when the server shuts down. At most \
                `GOODNEWS_MAX_STREAMS` streams are open at once (503 with `Retry-After` beyond).
                """,
            "parameters": [
                TallyQuery.caseParameter.openAPI,
                API.parameter("Last-Event-ID", in: "header", "The id of the last event received: digits only "
                              + "(at most 18); anything else is a 400, empty is the same as none.",
                              schema: ["type": "string", "pattern": "^[0-9]{0,18}$"]),
            ],
            "responses": [
                "200": [
                    "description": "An endless event stream.",
                    // One schema per event (how OpenAPI 3.2 and schemathesis read an event stream): the
                    // `retry` hint first, then `tally` events whose `data` is a case's tally as JSON.
                    "content": ["text/event-stream": ["schema": [
                        "type": "object",
                        "properties": [
                            "event": ["type": "string", "enum": ["tally"]],
                            "id": ["type": "string", "pattern": "^[0-9]+$",
                                   "description": "The newest action id the figures include (last event of a batch)."],
                            "data": ["type": "string", "contentMediaType": "application/json",
                                     "description": "`{\"case\": slug, \"total\": n, \"by_kind\": {kind: n}}`."],
                            "retry": ["type": "integer", "minimum": 0],
                        ],
                    ]]],
                ],
                "400": API.problem("A malformed `case` or `Last-Event-ID`."),
                "404": API.problem("The `case` names no case."),
                "503": API.problem("Too many streams are open, or storage is unavailable; retry later.",
                                   headers: ["Retry-After": API.header("Seconds to wait.", type: "integer")]),
            ],
        ]
        return [("/v1/stream/tallies", "get", operation)]
    }
}
