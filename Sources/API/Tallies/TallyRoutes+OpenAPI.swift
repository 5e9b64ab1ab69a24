import GoodNews
import JSON

extension TallyRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        typealias API = TallyOpenAPI
        let conditional: JSONValue = ["304": ["description": "Not modified (If-None-Match matched the ETag)."]]
        func withConditional(_ responses: JSONObject) -> JSONValue {
            var all = responses
            for member in conditional.objectValue?.members ?? [] { all[member.key] = member.value }
            return .object(all)
        }
        let caseTally: JSONValue = [
            "operationId": "getCaseTally",
            "tags": ["tallies"],
            "summary": "A case's running totals, goal and progress",
            "parameters": [API.caseReference],
            "responses": withConditional([
                "200": API.json("The tally; `Cache-Control: no-cache` with an ETag.", API.ref("CaseTally")),
                "404": API.problem("No such case."),
                "503": API.storageUnavailable,
            ]),
        ]
        let tallies: JSONValue = [
            "operationId": "getTallies",
            "tags": ["tallies"],
            "summary": "Action totals across cases, grouped",
            "description": """
                Without `from`/`to` the answer comes from the running tallies; with them (half-open \
                `[from, to)`; a bare date in `to` includes that whole day) from the actions' time index. \
                Groups are ordered by total, largest first, except `day` (chronological, UTC, days without \
                actions included with 0). A `null` key gathers actions without a country, or cases without \
                a campaign, so the groups always add up to `total`. `case` and `campaign` narrow the actions \
                counted. Without `group_by`, only `total` (and an empty `groups`). `group_by=day` covers at \
                most 3,660 days (400 beyond); without `from` it starts at the first action, without `to` it \
                ends now.
                """,
            "parameters": .array(TallyQuery.parameters.map(\.openAPI)),
            "responses": withConditional([
                "200": API.json("Totals.", API.ref("TallyGroups")),
                "400": API.problem("An unknown group_by, a malformed filter, or too long a day range."),
                "404": API.problem("The `case` filter names no case."),
                "503": API.storageUnavailable,
            ]),
        ]
        let stats: JSONValue = [
            "operationId": "getStats",
            "tags": ["tallies"],
            "summary": "Totals across the site",
            "responses": withConditional([
                "200": API.json("Published posts (public ones: not drafts, not scheduled), cases by status, "
                                    + "actions in all.", API.ref("SiteStats")),
                "503": API.storageUnavailable,
            ]),
        ]
        return [("/v1/cases/{ref}/tally", "get", caseTally), ("/v1/tallies", "get", tallies),
                ("/v1/stats", "get", stats)]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        typealias API = TallyOpenAPI
        let caseTally: JSONValue = [
            "type": "object",
            "required": ["case", "total", "by_kind", "by_country", "goal", "progress", "updated_at"],
            "properties": [
                "case": ["type": "string", "description": "The case's slug."],
                "total": ["type": "integer"],
                "by_kind": API.counts,
                "by_country": API.ref("TallyByCountry"),
                "goal": ["type": ["integer", "null"], "description": "The case's action_goal."],
                "progress": ["type": ["number", "null"],
                             "description": .string("total / goal rounded down to four decimals: 1 or more only "
                                                    + "once total reaches goal, above 1 past it; null without a goal.")],
                "updated_at": ["type": ["string", "null"], "format": "date-time",
                               "description": "When the latest action was recorded."],
            ],
        ]
        let groups: JSONValue = [
            "type": "object",
            "required": ["total", "groups"],
            "properties": [
                "total": ["type": "integer"],
                "groups": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "required": ["key", "total"],
                        "properties": [
                            "key": ["type": ["string", "null"],
                                    "description": "Case slug, kind, country code, campaign, or YYYY-MM-DD."],
                            "total": ["type": "integer"],
                        ],
                    ],
                ],
            ],
        ]
        let stats: JSONValue = [
            "type": "object",
            "required": ["posts_published", "cases", "actions_total"],
            "properties": [
                "posts_published": ["type": "integer"],
                "cases": [
                    "type": "object",
                    "required": ["active", "resolved", "closed"],
                    "properties": ["active": ["type": "integer"], "resolved": ["type": "integer"],
                                   "closed": ["type": "integer"]],
                ],
                "actions_total": ["type": "integer"],
            ],
        ]
        return [("CaseTally", caseTally), ("TallyGroups", groups), ("SiteStats", stats)]
    }
}
