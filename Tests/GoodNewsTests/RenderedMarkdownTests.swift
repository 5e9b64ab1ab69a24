import Foundation
@testable import API
@testable import GoodNews
import JSON
import SQLite
import SQLiteStore
import Testing

@Suite("Markdown rendered at write time")
struct RenderedMarkdownTests {
    @Test func aCreatedPostCarriesItsBodyAsSafeHTMLAndAPatchRendersItAgain() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        let created = try server.create("posts", [
            "title": "Rendered", "status": "published",
            "body": "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee https://example.org and [x](javascript:alert(1))\n\n<script>alert(1)</script>",
            "body_html": "<p>ignored, like id</p>",
        ], token: token)
        let html = try #require(created["body_html"]?.stringValue)
        #expect(html.contains("<h2>A heading</h2>"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<a href=\"https://example.org\">"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"))
        #expect(try server.getJSON("/v1/posts/rendered")["body_html"]?.stringValue == html)

        let patched = try server.send("PATCH", "/v1/posts/rendered", body: ["body": "*now* emphasised"], token: token)
        #expect(patched.status == 200)
        #expect(try patched.json()["body_html"]?.stringValue == "<p><em>now</em> emphasised</p>\n")
        // A PATCH that leaves the body alone keeps its HTML.
        let retitled = try server.send("PATCH", "/v1/posts/rendered", body: ["title": "Renamed"], token: token)
        #expect(try retitled.json()["body_html"]?.stringValue == "<p><em>now</em> emphasised</p>\n")
    }

    @Test func aCaseDescriptionIsRenderedAndImportsRenderToo() throws {
        let server = try TestServer { database in
            try ImportFixtures.load(database, cases: [ImportFixtures.case("imported", name: "Imported",
                                                                          description: "**bold** <b>raw</b>")])
        }
        defer { server.stop() }
        #expect(try server.getJSON("/v1/cases/imported")["description_html"]?.stringValue
                == "<p><strong>bold</strong> &lt;b&gt;raw&lt;/b&gt;</p>\n")
        let token = try server.makeToken()
        let created = try server.create("cases", ["name": "New case", "country": "CA", "description": "# Hi"], token: token)
        #expect(created["description_html"]?.stringValue == "<h1>Hi</h1>\n")
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func rowsStoredBeforeRenderingAreRenderedOnceWhenTheStorageOpens() throws {
        let server = try TestServer { database in
            try ImportFixtures.load(database, posts: [ImportFixtures.post("old", title: "Old", body: "_old_")],
                                    cases: [ImportFixtures.case("old-case", name: "Old case", description: "`code`")])
            // As a database migrated to 0005 from an older version holds them.
            try database.write { connection in
                try connection.execute("UPDATE posts SET body_html = NULL")
                try connection.execute("UPDATE cases SET description_html = NULL")
            }
        }
        defer { server.stop() }
        let updatedBefore = try server.getJSON("/v1/posts/old")["updated_at"]
        #expect(try server.getJSON("/v1/posts/old")["body_html"]?.stringValue == "")
        #expect(try RenderedMarkdown.renderPending(in: server.storage) == 2)
        #expect(try server.getJSON("/v1/posts/old")["body_html"]?.stringValue == "<p><em>old</em></p>\n",
                "the commit must drop the cached answer")
        #expect(try server.getJSON("/v1/posts/old")["updated_at"] == updatedBefore)
        #expect(try server.getJSON("/v1/cases/old-case")["description_html"]?.stringValue == "<p><code>code</code></p>\n")
        #expect(try RenderedMarkdown.renderPending(in: server.storage) == 0)
    }

    @Test func thePreviewRendersAsASaveWouldAndNeedsAToken() throws {
        let server = try TestServer()
        defer { server.stop() }
        let token = try server.makeToken()
        #expect(try server.send("POST", "/v1/preview", body: ["markdown": "# x"]).status == 401)
        let preview = try server.send("POST", "/v1/preview", body: ["markdown": "# Title\n\n<img src=x onerror=alert(1)>"],
                                      token: token)
        #expect(preview.status == 200)
        #expect(preview.header("Cache-Control") == "private, no-store")
        #expect(try preview.json()["html"]?.stringValue == "<h1>Title</h1>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>\n")
        let missing = try server.send("POST", "/v1/preview", body: ["text": "x"], token: token)
        #expect(missing.status == 422)
        #expect(missing.text.contains("\"field\":\"markdown\"") && missing.text.contains("\"field\":\"text\""))
        let tooLong = try server.send("POST", "/v1/preview", body: ["markdown": .string(String(repeating: "a", count: 200_001))],
                                      token: token)
        #expect(tooLong.status == 422)
    }
}
