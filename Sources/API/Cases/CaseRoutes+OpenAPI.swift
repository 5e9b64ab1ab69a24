import GoodNews
import JSON

extension CaseRoutes {
    private typealias API = ContentOpenAPI

    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        API.paths("cases", list: CaseRoutes.listOperation, create: CaseRoutes.createOperation,
                  item: CaseRoutes.itemOperation, update: CaseRoutes.updateOperation,
                  delete: CaseRoutes.deleteOperation)
    }

    var openAPISchemas: [(name: String, schema: JSONValue)] {
        API.schemas(item: "Case", noun: "cases", schema: CaseRoutes.caseSchema,
                    related: [("CaseTallySummary", CaseRoutes.tallySchema)], input: CaseRoutes.inputSchema)
    }

    private static let readHeaders = API.readHeaders(
        cacheControl: "Public: `public, max-age=30` (list) or `public, max-age=60` (one case); "
            + "with a token `private, no-store`.")

    private static let listOperation = API.operation(
        "listCases", tag: "cases", summary: "Cases",
        description: """
            Cases, newest first (`created_at` desc, then `id` desc), each with its tally. The filters combine \
            (AND). Public answers are cached by the server until a write or a new action; a token (checked: a bad \
            one is a 401) gives the same list, `private, no-store`. `Link: <…>; rel="next"` repeats the query \
            with the next cursor.
            """,
        parameters: CaseListQuery.parameters.map(\.openAPI),
        responses: API.readResponses(
            API.json("A page of cases.", schema: API.schema("CaseList"),
                     headers: readHeaders + API.pageHeaders(noun: "cases")),
            badRequest: "A bad `limit`, `cursor`, `status`, `country` or `include_total`; a `tag`, `campaign` or `q` "
                + "beyond its bounds or holding a control character."),
        security: .optionalAdmin)

    private static let itemOperation = API.operation(
        "getCase", tag: "cases", summary: "One case", description: "A case with its tally.",
        parameters: [API.refParameter("case")],
        responses: API.readResponses(API.json("The case.", schema: API.schema("Case"), headers: readHeaders),
                                     notFound: "No such case."),
        security: .optionalAdmin)

    private static let createOperation = API.operation(
        "createCase", tag: "cases", summary: "Create a case",
        description: """
            The case shape without `id`, `created_at`, `updated_at`, `tally` (sent anyway, they are ignored). \
            Unknown members are a 422 naming each. The tally starts at 0.
            """,
        body: API.requestBody("CaseInput", "The new case."),
        responses: API.writeResponses(API.created(item: "Case", collection: "cases", noun: "case"), body: true,
                                      conflict: "The slug is taken."),
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
        responses: API.writeResponses(API.updated(item: "Case", noun: "case"), body: true,
                                      notFound: "No such case.", conflict: "The new slug is taken."),
        security: .admin)

    private static let deleteOperation = API.operation(
        "deleteCase", tag: "cases", summary: "Delete a case",
        description: """
            Deletes a case that has no recorded actions, with its tags, tally and links from posts (the posts \
            stay). A case with actions cannot be deleted (409): close it instead (`PATCH {"status": "closed"}`).
            """,
        parameters: [API.refParameter("case")],
        responses: API.writeResponses(API.deleted, body: false, notFound: "No such case.",
                                      conflict: "The case has recorded actions; close it instead."),
        security: .admin)
}
