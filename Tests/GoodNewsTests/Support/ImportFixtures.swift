@testable import API
import GoodNews
import JSON
import SQLite
import SQLiteStore

/// Content for tests, written through the real `Importer` (the same path as `goodnews import`).
enum ImportFixtures {
    /// A published post as import JSON; `extra` members are appended (`"status": "draft"` overrides).
    static func post(_ slug: String, title: String, summary: String = "", body: String = "",
                     publishedAt: String = "2020-09-04T00:00:00Z", status: String = "published",
                     tags: [String] = [], cases: [String] = []) -> JSONValue {
        [
            "slug": .string(slug), "title": .string(title), "summary": .string(summary), "body": .string(body),
            "status": .string(status), "published_at": .string(publishedAt),
            "tags": .array(tags.map { .string($0) }), "cases": .array(cases.map { .string($0) }),
        ]
    }

    static func `case`(_ slug: String, name: String, summary: String = "", description: String = "",
                       country: String = "CU", status: String = "active", campaign: String? = nil) -> JSONValue {
        [
            "slug": .string(slug), "name": .string(name), "country": .string(country), "summary": .string(summary),
            "description": .string(description), "status": .string(status), "campaign": campaign.map { .string($0) } ?? .null,
        ]
    }

    static func document(posts: [JSONValue] = [], cases: [JSONValue] = [], actions: [JSONValue] = []) -> [UInt8] {
        JSONValue.object(["posts": .array(posts), "cases": .array(cases), "actions": .array(actions)]).serialized()
    }

    /// Imports through the storage of a test server or of its `prepare` closure, on either engine.
    @discardableResult
    static func load(_ target: some FixtureSQL, posts: [JSONValue] = [], cases: [JSONValue] = [],
                     actions: [JSONValue] = []) throws -> ImportSummary {
        try Importer(storage: target.fixtures.storage).importJSON(document(posts: posts, cases: cases, actions: actions))
    }

    /// Imports into an SQLite `database` through a storage of its own (SQLite-only tests).
    @discardableResult
    static func load(_ database: Database, posts: [JSONValue] = [], cases: [JSONValue] = [],
                     actions: [JSONValue] = []) throws -> ImportSummary {
        try Importer(storage: SQLiteStorage(database: database)).importJSON(document(posts: posts, cases: cases, actions: actions))
    }

    /// Rows in posts, cases, actions, tags and links (and SQLite's full-text tables): equal before and after
    /// a refused import.
    static func counts(_ target: some FixtureSQL) throws -> [Int64] {
        var tables = ["posts", "cases", "actions", "post_tags", "case_tags", "post_cases"]
        if target.fixtures.sqlite != nil { tables += ["posts_fts", "cases_fts"] }
        return try tables.map { try target.scalar("SELECT count(*) FROM \($0)") }
    }
}
