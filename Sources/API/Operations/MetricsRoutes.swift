import GoodNews
import HTTP
import JSON

/// `GET /metrics`: Prometheus text format 0.0.4 — request counters and latency per route, requests in
/// flight, content and action totals from cheap index-only queries, and the database writer's counts.
/// Admin token required: the figures include unpublished content (drafts, scheduled posts); Prometheus
/// sends it with `authorization: {type: Bearer, credentials: …}` in its scrape config.
struct MetricsRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        router.get("/metrics") { [context] request in
            .later {
                _ = try context.authenticator.requireAdmin(request)
                let totals = try context.storage.read { try $0.tallies.contentTotals(now: context.clock.seconds) }
                var text = PrometheusText()
                MetricsRoutes.writeRequests(context.metrics, to: &text)
                MetricsRoutes.writeContent(totals, to: &text)
                MetricsRoutes.writeDatabase(context.storage, to: &text)
                var response = Response(status: 200, contentType: PrometheusText.contentType, bytes: Array(text.text.utf8))
                response.headers.add("Cache-Control", "no-store")
                return response
            }
        }
    }

    static func writeRequests(_ metrics: Metrics, to text: inout PrometheusText) {
        let snapshot = metrics.snapshot()
        text.family("goodnews_http_requests_total", "counter", "HTTP requests answered, by method, route pattern and status class.")
        for (key, series) in snapshot {
            for statusClass in 1...5 where series.byClass[statusClass] > 0 {
                text.sample("goodnews_http_requests_total", series.byClass[statusClass],
                            labels: [("method", key.method), ("route", key.route), ("status", "\(statusClass)xx")])
            }
        }
        text.family("goodnews_http_request_duration_seconds", "histogram",
                    "Time from routing to the finished answer (socket writes excluded), by method and route pattern.")
        for (key, series) in snapshot {
            let labels = [("method", key.method), ("route", key.route)]
            var cumulative = 0
            for (index, bound) in Metrics.bucketBounds.enumerated() {
                cumulative += series.buckets[index]
                text.sample("goodnews_http_request_duration_seconds_bucket", cumulative,
                            labels: labels + [("le", PrometheusText.format(bound))])
            }
            text.sample("goodnews_http_request_duration_seconds_bucket", series.count, labels: labels + [("le", "+Inf")])
            text.sample("goodnews_http_request_duration_seconds_sum", series.sumSeconds, labels: labels)
            text.sample("goodnews_http_request_duration_seconds_count", series.count, labels: labels)
        }
        text.family("goodnews_http_requests_in_flight", "gauge", "Requests being handled (this scrape included).")
        text.sample("goodnews_http_requests_in_flight", metrics.requestsInFlight)
    }

    static func writeContent(_ totals: ContentTotals, to text: inout PrometheusText) {
        text.family("goodnews_posts", "gauge", "Posts by state: public (published, date passed), scheduled, draft.")
        text.sample("goodnews_posts", totals.publicPosts, labels: [("state", "public")])
        text.sample("goodnews_posts", totals.scheduledPosts, labels: [("state", "scheduled")])
        text.sample("goodnews_posts", totals.draftPosts, labels: [("state", "draft")])
        text.family("goodnews_cases", "gauge", "Cases by status.")
        for status in ["active", "resolved", "closed"] {
            text.sample("goodnews_cases", totals.casesByStatus[status] ?? 0, labels: [("status", status)])
        }
        text.family("goodnews_actions_total", "counter", "Supporter actions recorded (the sum of their counts).")
        text.sample("goodnews_actions_total", totals.actions)
    }

    static func writeDatabase(_ storage: any Storage, to text: inout PrometheusText) {
        let statistics = storage.writerStatistics
        text.family("goodnews_db_writer_transactions_total", "counter", "Transactions the database writer committed or rolled back (group commits and exclusive jobs).")
        text.sample("goodnews_db_writer_transactions_total", statistics.transactions)
        text.family("goodnews_db_writer_jobs_total", "counter", "Write jobs the database writer ran; jobs per transaction shows group commit at work.")
        text.sample("goodnews_db_writer_jobs_total", statistics.jobs)
    }
}
