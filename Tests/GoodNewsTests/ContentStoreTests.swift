@testable import API
import GoodNews
import JSON
import SQLite
import Testing

/// The service- and store-level API the importer uses: validation without HTTP, inserts through the stores
/// of one `batch` (one transaction).
@Suite struct ContentStoreTests {
    @Test func importerStyleInsertsShareOneTransaction() throws {
        let server = try TestServer()
        defer { server.stop() }
        let now = Timestamp(seconds: 1_600_000_000)
        let caseInput = try CaseService.input(from: ["name": "Roberto Quiñones", "country": "cu", "tags": ["a", "a"]])
        #expect(caseInput.country == "CU")
        #expect(caseInput.tags == ["a"])
        let postInput = try PostService.input(from: ["title": "Free", "status": "published",
                                                     "cases": ["roberto-quinones"]])
        let stored = try server.storage.batch { tx in
            let storedCase = try tx.cases.insert(caseInput, now: now, createdAt: nil, updatedAt: nil)
            let storedPost = try tx.posts.insert(postInput, now: now, createdAt: Timestamp(seconds: 1_500_000_000),
                                                 updatedAt: nil)
            return (storedCase, storedPost)
        }
        #expect(stored.0.slug == "roberto-quinones")
        #expect(stored.1.slug == "free")
        let post = try server.getJSON("/v1/posts/free")
        #expect(post["cases"] == ["roberto-quinones"])
        #expect(post["published_at"] == "2020-09-13T12:26:40Z")
        #expect(post["created_at"] == "2017-07-14T02:40:00Z")
        #expect(post["updated_at"] == "2017-07-14T02:40:00Z")
    }

    @Test(.enabled(if: TestEngine.isSQLite)) func aFailedImportLeavesNothing() throws {
        let server = try TestServer()
        defer { server.stop() }
        let now = Timestamp.now()
        let good = try PostService.validate(PostInput(title: "  Kept only if all succeed  "))
        #expect(good.title == "Kept only if all succeed")
        var orphan = PostInput(title: "Links a missing case")
        orphan.cases = ["missing"]
        #expect(throws: ServiceError.invalid([FieldIssue(field: "cases[0]", message: "no such case")])) {
            try server.storage.batch { tx in
                _ = try tx.posts.insert(good, now: now, createdAt: nil, updatedAt: nil)
                _ = try tx.posts.insert(orphan, now: now, createdAt: nil, updatedAt: nil)
            }
        }
        let count = try server.database.read { try $0.cachedStatement("SELECT count(*) FROM posts").scalarInt64() }
        #expect(count == 0)
    }

    @Test func validateReportsEveryField() throws {
        var input = CaseInput(name: "", country: "Cuba")
        input.actionGoal = 0
        #expect(throws: ServiceError.invalid([
            FieldIssue(field: "name", message: "must be 1 to 300 characters"),
            FieldIssue(field: "country", message: "must be an ISO 3166-1 alpha-2 code (two letters, such as CU)"),
            FieldIssue(field: "action_goal", message: "must be a positive integer"),
        ])) { try CaseService.validate(input) }
        #expect(throws: ServiceError.self) { try PostService.patch(from: ["title": .null]) }
        let patch = try PostService.patch(from: ["image": .null, "summary": .null])
        #expect(patch.image == .some(nil))
        #expect(patch.summary == "")
        #expect(patch.title == nil)
    }

    @Test func cursorsRoundTripAndRefuseForgeries() {
        let cursor = ListCursor(kind: .posts, at: -62_135_596_800, id: 42)
        #expect(ListCursor(token: cursor.token, kind: .posts) == cursor)
        #expect(ListCursor(token: cursor.token, kind: .cases) == nil)
        let undated = ListCursor(kind: .posts, at: nil, id: 7)
        #expect(ListCursor(token: undated.token, kind: .posts) == undated)
        for bad in ["", "====", "cDE6MTox", String(repeating: "A", count: 200), cursor.token + "A"] {
            #expect(ListCursor(token: bad, kind: .posts) == nil, "\(bad)")
        }
    }

    @Test(arguments: [
        ("roberto", #""roberto""#), ("  a   b ", #""a" "b""#), (#"say "hi""#, #""say" """hi""""#),
        ("roberto-quiñones", #""roberto-quiñones""#), ("NEAR(a b)", #""near(a" "b)""#),
        ("a a A", #""a""#), ("* --", #""""#),
    ])
    func searchWordsAreQuoted(_ q: String, _ expression: String) throws {
        #expect(try ListParameters.searchExpression(q) == expression)
    }

    @Test func blankSearchIsNoFilter() throws {
        #expect(try ListParameters.searchExpression("   ") == nil)
        #expect(try ListParameters.searchExpression(nil) == nil)
    }
}
