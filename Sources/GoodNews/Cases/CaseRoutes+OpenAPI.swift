import JSON

extension CaseRoutes {
    private typealias API = ContentOpenAPI

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [
            ("/v1/cases", "get", CaseRoutes.listOperation),
            ("/v1/cases", "post", CaseRoutes.createOperation),
            ("/v1/cases/{ref}", "get", CaseRoutes.itemOperation),
            ("/v1/cases/{ref}", "patch", CaseRoutes.updateOperation),
            ("/v1/cases/{ref}", "delete", CaseRoutes.deleteOperation),
        ]
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        [
            ("Case", CaseRoutes.caseSchema),
            ("CaseTallySummary", CaseRoutes.tallySchema),
            ("CaseInput", CaseRoutes.inputSchema(patch: false)),
            ("CasePatch", CaseRoutes.inputSchema(patch: true)),
            ("CaseList", API.object([
                ("data", API.value("array", "The page, newest first.", [("items", API.schema("Case"))])),
                ("next_cursor", API.value("string", "Pass as `cursor` for the next page; null on the last page.",
                                          nullable: true)),
            ], required: ["data", "next_cursor"], description: "A page of cases.")),
        ]
    }

    private static let readHeaders: [(String, JSONValue)] = [
        ("ETag", API.etag),
        ("Cache-Control", API.cacheControl("Public: `public, max-age=30` (list) or `public, max-age=60` (one case); "
                                           + "with a token `private, no-store`.")),
    ]

    private static let listOperation = API.operation(
        "listCases", tag: "cases", summary: "Cases",
        description: """
            Cases, newest first (`created_at` desc, then `id` desc), each with its tally. The filters combine \
            (AND). Public answers are cached by the server until a write or a new action; a token (checked: a bad \
            one is a 401) gives the same list, `private, no-store`. `Link: <…>; rel="next"` repeats the query \
            with the next cursor.
            """,
        parameters: [
            API.parameter("status", "`active`, `resolved` or `closed`; anything else is a 400.",
                          schema: ["type": "string", "enum": ["active", "resolved", "closed"]]),
            API.parameter("country", "ISO 3166-1 alpha-2, either case (`cu` = `CU`); not two letters: 400.",
                          schema: ["type": "string"]),
            API.parameter("campaign", "Exact campaign name (trimmed), e.g. `Write for Rights 2019`.",
                          schema: ["type": "string"]),
            API.parameter("tag", "Only cases with this tag (exact match, trimmed).", schema: ["type": "string"]),
            API.q("name, summary, description and campaign"),
            API.limit, API.cursor("a post cursor, say"), API.includeTotal,
        ],
        responses: [
            ("200", API.json("A page of cases.", schema: API.schema("CaseList"), headers: readHeaders + [
                ("Link", API.header("`<…>; rel=\"next\"` when there is a next page.")),
                ("X-Total-Count", API.header("With `include_total=true`: all cases matching the filters.",
                                             type: "integer")),
            ])),
            ("304", API.notModified),
            ("400", API.problem("A bad `limit`, `cursor`, `status`, `country` or `include_total`.")),
            ("401", API.unauthorized),
            ("503", API.unavailable),
        ],
        security: .optionalAdmin)

    private static let itemOperation = API.operation(
        "getCase", tag: "cases", summary: "One case", description: "A case with its tally.",
        parameters: [API.refParameter("case")],
        responses: [
            ("200", API.json("The case.", schema: API.schema("Case"), headers: readHeaders)),
            ("304", API.notModified),
            ("401", API.unauthorized),
            ("404", API.problem("No such case.")),
            ("503", API.unavailable),
        ],
        security: .optionalAdmin)

    private static let createOperation = API.operation(
        "createCase", tag: "cases", summary: "Create a case",
        description: """
            The case shape without `id`, `created_at`, `updated_at`, `tally` (sent anyway, they are ignored). \
            Unknown members are a 422 naming each. The tally starts at 0.
            """,
        body: API.requestBody("CaseInput", "The new case."),
        responses: [
            ("201", API.json("Created; the case as stored.", schema: API.schema("Case"), headers: [
                ("Location", API.header("`/v1/cases/<slug>`.")),
            ])),
            ("400", API.malformedBody),
            ("401", API.unauthorized),
            ("409", API.problem("The slug is taken.")),
            ("415", API.unsupportedMediaType),
            ("422", API.problem("Validation failed; `errors` has one entry per field.")),
            ("503", API.unavailable),
        ],
        security: .admin)

    private static let updateOperation = API.operation(
        "updateCase", tag: "cases", summary: "Change a case",
        description: """
            Partial: members left out keep their value; `null` clears (`outcome`, `campaign`, `action_goal` to \
            null; `summary`, `description` to ""; `tags` to []); `null` for `slug`, `name`, `country` or `status` \
            is a 422. `tags` replaces the whole list. The slug stays when the name changes. `updated_at` becomes now.
            """,
        parameters: [API.refParameter("case")],
        body: API.requestBody("CasePatch", "The members to change."),
        responses: [
            ("200", API.json("The case as it now is.", schema: API.schema("Case"))),
            ("400", API.malformedBody),
            ("401", API.unauthorized),
            ("404", API.problem("No such case.")),
            ("409", API.problem("The new slug is taken.")),
            ("415", API.unsupportedMediaType),
            ("422", API.problem("Validation failed; `errors` has one entry per field.")),
            ("503", API.unavailable),
        ],
        security: .admin)

    private static let deleteOperation = API.operation(
        "deleteCase", tag: "cases", summary: "Delete a case",
        description: """
            Deletes a case that has no recorded actions, with its tags, tally and links from posts (the posts \
            stay). A case with actions cannot be deleted (409): close it instead (`PATCH {"status": "closed"}`).
            """,
        parameters: [API.refParameter("case")],
        responses: [
            ("204", ["description": "Deleted."]),
            ("401", API.unauthorized),
            ("404", API.problem("No such case.")),
            ("409", API.problem("The case has recorded actions; close it instead.")),
            ("503", API.unavailable),
        ],
        security: .admin)
}
