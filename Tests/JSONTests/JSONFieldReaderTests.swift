import JSON
import Testing

struct JSONFieldReaderTests {
    private func reader(_ text: String) throws -> JSONFieldReader {
        JSONFieldReader(try #require(try JSONValue.parse(text).objectValue))
    }

    private func fieldError(_ body: () throws -> Void) -> JSONFieldError? {
        do {
            try body()
            return nil
        } catch {
            return error as? JSONFieldError
        }
    }

    @Test func tellsAbsentFromNullFromValue() throws {
        let body = try reader(#"{"outcome":null,"campaign":"W4R","goal":0}"#)
        #expect(body.field("summary") == .absent)
        #expect(body.field("outcome") == .null)
        #expect(body.field("campaign") == .value("W4R"))
        #expect(body.field("goal") == .value(.int(0)))
    }

    @Test func optionalGettersReturnNilForAbsentAndNull() throws {
        let body = try reader(#"{"outcome":null}"#)
        #expect(try body.string("outcome") == nil)
        #expect(try body.string("summary") == nil)
        #expect(try body.int64("count") == nil)
        #expect(try body.stringArray("tags") == nil)
        #expect(try body.object("image") == nil)
    }

    @Test func requiredFieldsNameWhatIsMissing() throws {
        let body = try reader(#"{"title":null}"#)
        #expect(fieldError { _ = try body.string("name", required: true) } == JSONFieldError(field: "name", message: "is required"))
        #expect(fieldError { _ = try body.string("title", required: true) } == JSONFieldError(field: "title", message: "must not be null"))
    }

    struct TypeMismatch: Sendable, CustomTestStringConvertible {
        let body: String
        let read: @Sendable (JSONFieldReader) throws(JSONFieldError) -> Void
        let expected: JSONFieldError
        var testDescription: String { body }
    }

    static let mismatches: [TypeMismatch] = [
        TypeMismatch(body: #"{"title":12}"#, read: { reader throws(JSONFieldError) in _ = try reader.string("title") },
                     expected: JSONFieldError(field: "title", message: "must be a string")),
        TypeMismatch(body: #"{"count":"3"}"#, read: { reader throws(JSONFieldError) in _ = try reader.int64("count") },
                     expected: JSONFieldError(field: "count", message: "must be an integer")),
        TypeMismatch(body: #"{"count":3.5}"#, read: { reader throws(JSONFieldError) in _ = try reader.int64("count") },
                     expected: JSONFieldError(field: "count", message: "must be an integer")),
        TypeMismatch(body: #"{"count":1e19}"#, read: { reader throws(JSONFieldError) in _ = try reader.int64("count") },
                     expected: JSONFieldError(field: "count", message: "must be an integer")),
        TypeMismatch(body: #"{"ratio":"x"}"#, read: { reader throws(JSONFieldError) in _ = try reader.double("ratio") },
                     expected: JSONFieldError(field: "ratio", message: "must be a number")),
        TypeMismatch(body: #"{"draft":"yes"}"#, read: { reader throws(JSONFieldError) in _ = try reader.bool("draft") },
                     expected: JSONFieldError(field: "draft", message: "must be a boolean")),
        TypeMismatch(body: #"{"tags":"cuba"}"#, read: { reader throws(JSONFieldError) in _ = try reader.stringArray("tags") },
                     expected: JSONFieldError(field: "tags", message: "must be an array")),
        TypeMismatch(body: #"{"tags":["cuba",7]}"#, read: { reader throws(JSONFieldError) in _ = try reader.stringArray("tags") },
                     expected: JSONFieldError(field: "tags[1]", message: "must be a string")),
        TypeMismatch(body: #"{"image":[]}"#, read: { reader throws(JSONFieldError) in _ = try reader.object("image") },
                     expected: JSONFieldError(field: "image", message: "must be an object")),
        TypeMismatch(body: #"{"image":{"url":5}}"#, read: { reader throws(JSONFieldError) in _ = try reader.object("image")?.string("url") },
                     expected: JSONFieldError(field: "image.url", message: "must be a string")),
        TypeMismatch(body: #"{"image":{}}"#, read: { reader throws(JSONFieldError) in _ = try reader.object("image", required: true)?.string("url", required: true) },
                     expected: JSONFieldError(field: "image.url", message: "is required")),
        TypeMismatch(body: #"{"a":{"b":{"tags":[null]}}}"#, read: { reader throws(JSONFieldError) in _ = try reader.object("a")?.object("b")?.stringArray("tags") },
                     expected: JSONFieldError(field: "a.b.tags[0]", message: "must be a string")),
    ]

    @Test(arguments: mismatches)
    func wrongTypesAreNamedWithTheirPath(_ mismatch: TypeMismatch) throws {
        let body = try reader(mismatch.body)
        #expect(fieldError { try mismatch.read(body) } == mismatch.expected)
    }

    @Test func readsValuesOfTheRightType() throws {
        let body = try reader(#"{"title":"Free","count":3.0,"big":-9223372036854775808,"ratio":2,"draft":false,"tags":["a","b"],"image":{"url":"u"}}"#)
        #expect(try body.string("title", required: true) == "Free")
        #expect(try body.int64("count") == 3)
        #expect(try body.int64("big") == .min)
        #expect(try body.double("ratio") == 2)
        #expect(try body.bool("draft") == false)
        #expect(try body.stringArray("tags") == ["a", "b"])
        let image = try #require(try body.object("image"))
        #expect(image.path == "image")
        #expect(try image.string("url") == "u")
        #expect(image.error("caption", "is too long") == JSONFieldError(field: "image.caption", message: "is too long"))
    }

    @Test func unknownKeysKeepBodyOrderAndSkipIgnoredOnes() throws {
        let body = try reader(#"{"zeta":1,"title":"t","id":4,"alpha":2,"created_at":"x"}"#)
        #expect(body.unknownKeys(allowed: ["title"], ignored: ["id", "created_at"]) == ["zeta", "alpha"])
        #expect(body.unknownKeys(allowed: ["title", "zeta", "alpha"], ignored: ["id", "created_at"]).isEmpty)
        let image = try #require(try reader(#"{"image":{"url":"u","alt":"a"}}"#).object("image"))
        #expect(image.unknownKeys(allowed: ["url"]) == ["image.alt"])
    }

    @Test func errorDescriptionReadsAsASentence() {
        #expect(JSONFieldError(field: "image.url", message: "must be a string").description == "image.url must be a string")
    }
}
