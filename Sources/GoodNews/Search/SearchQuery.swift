import JSON

/// What a visitor typed into a search box, turned into an FTS5 query that can only mean "these words".
///
/// Input is plain words, never FTS5 syntax: the text is split on white space, each word is lower-cased
/// and wrapped in double quotes (a `"` inside doubled), and the quoted words are joined by spaces, which
/// FTS5 reads as AND. So `AND`, `NEAR`, `*`, `-`, `(`, `:` and unbalanced quotes are plain text, and a
/// word such as `roberto-quinones` is the phrase "roberto quinones" (FTS5 tokenises inside the quotes).
/// A word with no letter or digit (`*`, `(`, `"`, `--`) indexes nothing and would make the whole AND
/// match nothing, so it is dropped; `words` may therefore be empty, which matches nothing.
///
/// Every `q` goes through here, `/v1/search` and the lists' filter alike, so the same caps hold for all:
/// at most `maxBytes` bytes, `maxWords` distinct words, no control character (`FieldRules`, short text).
public struct SearchQuery: Sendable, Equatable {
    /// Longest `q` accepted, in UTF-8 bytes.
    public static let maxBytes = 500
    /// Most words used; FTS5 cost grows with each term.
    public static let maxWords = 16

    /// What JSON Schema can say of `q` (`/v1/search`, required): some text, no control characters, no
    /// more code points than bytes allowed. The byte and word caps are said in the description.
    public static let schema: JSONValue = ["type": "string", "minLength": 1, "maxLength": .int(Int64(maxBytes)),
                                           "pattern": .string(QueryParameter.noControlsPattern)]
    /// The same for the `q` filter of the lists, where blank means no filter.
    public static let filterSchema: JSONValue = ["type": "string", "maxLength": .int(Int64(maxBytes)),
                                                 "pattern": .string(QueryParameter.noControlsPattern)]

    /// Lower-cased words, each holding at least one letter or digit, in input order.
    public let words: [String]

    /// Parses `text`; throws when it is blank or too long (the route answers 400 naming `q`).
    public init(_ text: String) throws(SearchQueryError) {
        guard text.utf8.count <= SearchQuery.maxBytes else { throw .tooLong }
        if let message = FieldRules.controlIssue(text, .short) { throw .controls(message) }
        var words: [String] = []
        var blank = true
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            blank = false
            guard word.unicodeScalars.contains(where: SearchQuery.isTokenCharacter) else { continue }
            let lowered = word.lowercased()
            if !words.contains(lowered) { words.append(lowered) }
        }
        guard !blank else { throw .empty }
        guard words.count <= SearchQuery.maxWords else { throw .tooManyWords }
        self.words = words
    }

    /// The MATCH operand: `"word" "other"`, or nil when no word is left (nothing can match).
    public var matchExpression: String? {
        guard !words.isEmpty else { return nil }
        var expression = ""
        for word in words {
            if !expression.isEmpty { expression += " " }
            expression += "\"" + word.replacing("\"", with: "\"\"") + "\""
        }
        return expression
    }

    /// The words joined by single spaces: equal for queries that search for the same thing.
    public var normalized: String { words.joined(separator: " ") }

    /// The characters FTS5's unicode61 tokenizer keeps by default: categories L*, N* and Co.
    public static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            true
        default:
            false
        }
    }
}

public enum SearchQueryError: Error, Equatable {
    case empty, tooLong, tooManyWords
    case controls(String)

    public var message: String {
        switch self {
        case .empty: "is required"
        case .tooLong: "must be at most \(SearchQuery.maxBytes) bytes"
        case .tooManyWords: "must have at most \(SearchQuery.maxWords) different words"
        case .controls(let message): message
        }
    }
}
