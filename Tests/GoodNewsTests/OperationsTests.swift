import Foundation
import JSON
import Testing

@Suite("Operations: metrics, front page, health")
struct OperationsTests {
    @Test func metricsAreValidPrometheusText() throws {
        let server = try TestServer { database in
            try ImportFixtures.load(database, posts: [
                ImportFixtures.post("a", title: "A"), ImportFixtures.post("b", title: "B", status: "draft"),
                ImportFixtures.post("c", title: "C", publishedAt: "2999-01-01T00:00:00Z"),
            ], cases: [ImportFixtures.case("x", name: "X"), ImportFixtures.case("y", name: "Y", status: "resolved")],
               actions: [["case": "x", "kind": "letter", "count": 7]])
        }
        defer { server.stop() }
        for _ in 0..<3 { _ = try server.get("/healthz") }
        _ = try server.get("/no/such/path")
        _ = try server.get("/v1/search?q=")
        let response = try server.get("/metrics", token: try server.makeToken())
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = response.text
        #expect(text.contains(#"goodnews_http_requests_total{method="GET",route="/healthz",status="2xx"} 3"#))
        #expect(text.contains(#"goodnews_http_requests_total{method="GET",route="unmatched",status="4xx"} 1"#))
        #expect(text.contains(#"goodnews_http_requests_total{method="GET",route="/v1/search",status="4xx"} 1"#))
        #expect(text.contains(#"goodnews_http_request_duration_seconds_count{method="GET",route="/healthz"} 3"#))
        #expect(text.contains(#"goodnews_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"} 3"#))
        #expect(text.contains(#"goodnews_posts{state="public"} 1"#))
        #expect(text.contains(#"goodnews_posts{state="scheduled"} 1"#))
        #expect(text.contains(#"goodnews_posts{state="draft"} 1"#))
        #expect(text.contains(#"goodnews_cases{status="active"} 1"#))
        #expect(text.contains(#"goodnews_cases{status="resolved"} 1"#))
        #expect(text.contains("goodnews_actions_total 7\n"))
        #expect(text.contains("goodnews_http_requests_in_flight 1\n"))
        #expect(text.contains("goodnews_db_writer_transactions_total "))
        try Self.checkExposition(text)
    }

    @Test func inventedMethodTokensShareOneMetricsSeries() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try TestClient(port: server.port)
        for index in 0..<1000 {
            let response = try client.send("M\(index)", "/v1/posts")
            #expect(response.status == 501)
        }
        let text = try server.get("/metrics", token: try server.makeToken()).text
        let series = text.split(separator: "\n").filter { $0.hasPrefix("goodnews_http_requests_total{") }
        #expect(series.count < 10, "\(series.count) series")
        #expect(text.contains(#"goodnews_http_requests_total{method="other",route="unmatched",status="5xx"} 1000"#))
        #expect(!text.contains("M999"))
        try Self.checkExposition(text)
    }

    /// Issue 8: `/metrics` was public and showed counts of drafts and scheduled posts.
    @Test func metricsNeedAnAdminToken() throws {
        let server = try TestServer()
        defer { server.stop() }
        for headers in [[], [("Authorization", "Bearer not-a-token")], [("Authorization", "Basic eDp5")]] {
            let refused = try server.get("/metrics", headers: headers)
            #expect(refused.status == 401, "\(headers)")
            #expect(refused.header("WWW-Authenticate") == "Bearer realm=\"goodnews\"")
            #expect(!refused.text.contains("goodnews_posts"))
        }
        let allowed = try server.get("/metrics", token: try server.makeToken())
        #expect(allowed.status == 200)
        #expect(allowed.text.contains(#"goodnews_posts{state="draft"} 0"#))
    }

    /// Every line is a comment or `name{labels} value`; each family has HELP and TYPE before its samples;
    /// histogram buckets never decrease.
    static func checkExposition(_ text: String) throws {
        #expect(text.hasSuffix("\n"))
        let sample = try Regex(#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN)$"#)
        var typed: [String: String] = [:]
        var lastBucket: (series: String, value: Double)?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                typed[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { #expect(line.hasPrefix("# HELP ")); continue }
            let match = try #require(try sample.wholeMatch(in: String(line)), "bad line: \(line)")
            let name = String(match.output[1].substring ?? "")
            let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                name.hasSuffix(suffix) && typed[String(name.dropLast(suffix.count))] == "histogram"
                    ? String(name.dropLast(suffix.count)) : name
            }
            #expect(typed[family] != nil, "no TYPE before \(name)")
            if name.hasSuffix("_bucket"), let value = Double(line.split(separator: " ").last ?? "") {
                let series = String(line.prefix { $0 != " " }.split(separator: ",le=").first ?? "")
                if let last = lastBucket, last.series == series { #expect(value >= last.value, "\(line)") }
                lastBucket = (series, value)
            }
        }
    }

    @Test func healthAndReadiness() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.get("/healthz").json()["status"] == "ok")
        let ready = try server.get("/readyz")
        #expect(ready.status == 200)
        #expect(try ready.json()["status"] == "ready")
    }
}
