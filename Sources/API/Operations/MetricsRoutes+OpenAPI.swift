import GoodNews
import JSON

extension MetricsRoutes {
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] {
        [("/metrics", "get", OpenAPI.operation(
            "getMetrics", tag: "operations", summary: "Prometheus metrics (text format 0.0.4).",
            description: """
                `goodnews_http_requests_total{method,route,status}` (status class `2xx`…), \
                `goodnews_http_request_duration_seconds` (histogram by method and route pattern), \
                `goodnews_http_requests_in_flight`, `goodnews_posts{state}`, `goodnews_cases{status}`, \
                `goodnews_actions_total`, `goodnews_db_writer_transactions_total`, `goodnews_db_writer_jobs_total`. \
                Requests that matched no route are counted under `route="unmatched"`. Needs an admin token \
                (the figures include drafts and scheduled posts): in Prometheus, `authorization: {type: Bearer, \
                credentials: <token>}` in the scrape config.
                """,
            responses: [
                ("200", OpenAPI.response("The metrics.", contentType: "text/plain; version=0.0.4",
                                         schema: OpenAPI.type("string"), headers: [])),
                ("401", OpenAPI.responseRef("Unauthorized")),
                ("503", OpenAPI.responseRef("ServiceUnavailable")),
            ], security: .required))]
    }
}
