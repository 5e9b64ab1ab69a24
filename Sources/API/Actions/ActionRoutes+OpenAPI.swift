import GoodNews
import JSON

extension ActionRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        typealias API = TallyOpenAPI
        let operation: JSONValue = [
            "operationId": "recordAction",
            "tags": ["actions"],
            "summary": "Record a supporter's action for a case",
            "description": """
                Without a token: `count` must be 1, the case must be `active` (409 otherwise), and each client \
                address may record at most `GOODNEWS_ACTION_RATE` (N, at most 1,000) actions in any 60 seconds, \
                and at most `GOODNEWS_ACTION_BURST` (B, at most N) in any 60·B/N seconds (429 with \
                `Retry-After` beyond; 0 turns the limit off; 503 with `Retry-After` when the server already \
                tracks its maximum of client addresses). The address is the connection's peer; with \
                `GOODNEWS_TRUST_PROXY=1` it is the rightmost `X-Forwarded-For` entry (the one your proxy \
                appended), and IPv6 clients count per /64. \
                With an admin token: any `count` from 1 to 10,000,000 on a case of any status, not limited. \
                A count above 1 without a token is a 401 (a token would make it acceptable). A bad token is \
                always a 401, answered before the body is read, and counts against the address's limit like a \
                public action (a token not checked within the last second is checked only once the address \
                is within its limit). \
                The 201 is sent only once the action and its tallies are committed with `synchronous=FULL`: \
                an answered action survives a crash or power cut. \
                `Idempotency-Key`: the same key again within 24 hours returns the first 201 byte for byte \
                (with `Idempotent-Replayed: true`) and counts nothing, also when both arrive at once; the same \
                key with another request (another case, another body once defaults are applied, or with \
                versus without a token) is a 422. Refused requests (4xx) do not use up a key.
                """,
            "parameters": [
                API.caseReference,
                API.parameter("Idempotency-Key", in: "header", "1 to 200 printable ASCII characters (a UUID, say), "
                              + "unique per intended action; anything else is a 400.",
                              schema: ["type": "string", "minLength": 1, "maxLength": 200,
                                       "pattern": "^[!-~]([ -~]*[!-~])?$"]),
            ],
            "security": [[:], ["bearerAuth": []]],
            "requestBody": [
                "required": true,
                "content": ["application/json": ["schema": API.ref("ActionRequest")]],
            ],
            "responses": [
                "201": API.json("Recorded (or replayed for a repeated Idempotency-Key).", API.ref("ActionCreated"),
                                headers: ["Idempotent-Replayed": API.header("`true` when this is a replay.")]),
                "400": API.problem("Malformed JSON, or a bad Idempotency-Key header."),
                "401": API.problem("A count above 1 without a token, or a bad token.",
                                   headers: ["WWW-Authenticate": API.header("`Bearer realm=\"goodnews\"`")]),
                "404": API.problem("No such case."),
                "409": API.problem("Public action on a case that is not active."),
                "415": API.problem("The body is not application/json."),
                "422": API.problem("Invalid or unknown fields, or an Idempotency-Key reused for another request."),
                "429": API.problem("Too many actions (or bad tokens) from this address.",
                                   headers: ["Retry-After": API.header("Seconds to wait.", type: "integer")]),
                "503": API.problem("Storage is unavailable, or too many client addresses are being tracked; "
                                       + "retry later.",
                                   headers: ["Retry-After": API.header("Seconds to wait.", type: "integer")]),
            ],
        ]
        return [("/v1/cases/{ref}/actions", "post", operation)]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        typealias API = TallyOpenAPI
        let request: JSONValue = [
            "type": "object",
            "required": ["kind"],
            "additionalProperties": false,
            "description": "Unknown fields are a 422; `id`, `created_at`, `updated_at` and `tally` are ignored.",
            "properties": [
                "kind": ["type": "string", "enum": API.kindEnum],
                "count": ["type": ["integer", "null"], "minimum": 1, "maximum": 10_000_000, "default": 1,
                          "description": "Above 1 only with an admin token."],
                "country": ["type": ["string", "null"], "pattern": "^[A-Za-z]{2}$",
                            "description": "ISO 3166-1 alpha-2; lower case is accepted and stored upper case."],
                "source": ["type": ["string", "null"], "minLength": 1, "maxLength": 200,
                           "pattern": .string(QueryParameter.noControlsPattern),
                           "description": "A campaign label such as `write-for-rights-2019`; no control characters; never personal data."],
                "id": ["readOnly": true], "created_at": ["readOnly": true],
                "updated_at": ["readOnly": true], "tally": ["readOnly": true],
            ],
        ]
        let action: JSONValue = [
            "type": "object",
            "required": ["id", "case", "kind", "count", "country", "source", "created_at"],
            "properties": [
                "id": ["type": "integer"],
                "case": ["type": "string", "description": "The case's slug."],
                "kind": ["type": "string", "enum": API.kindEnum],
                "count": ["type": "integer"],
                "country": ["type": ["string", "null"]],
                "source": ["type": ["string", "null"]],
                "created_at": ["type": "string", "format": "date-time"],
            ],
        ]
        let counts: JSONValue = [
            "type": "object",
            "required": ["total", "by_kind", "by_country"],
            "properties": [
                "total": ["type": "integer"],
                "by_kind": API.counts,
                "by_country": ["$ref": "#/components/schemas/TallyByCountry"],
            ],
        ]
        let byCountry: JSONValue = [
            "type": "object", "additionalProperties": ["type": "integer", "minimum": 1],
            "description": "By ISO country code; actions recorded without a country count only in `total`.",
        ]
        let created: JSONValue = [
            "type": "object",
            "required": ["action", "tally"],
            "properties": ["action": API.ref("Action"), "tally": API.ref("TallyCounts")],
        ]
        return [("ActionRequest", request), ("Action", action), ("TallyCounts", counts),
                ("TallyByCountry", byCountry), ("ActionCreated", created)]
    }
}
