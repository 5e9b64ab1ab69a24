/// What an import added: "imported 15 posts, 16 cases, 1 action".
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var posts = 0
    public var cases = 0
    public var actions = 0

    public init(posts: Int = 0, cases: Int = 0, actions: Int = 0) {
        self.posts = posts
        self.cases = cases
        self.actions = actions
    }

    public var description: String {
        "imported \(ImportSummary.count(posts, "post")), \(ImportSummary.count(cases, "case")), "
            + ImportSummary.count(actions, "action")
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// Why an import was refused (nothing of it was written), naming the item:
/// `posts[3] (slug "x"): title is required`.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `posts[3] (slug "x")`, `cases[0]`, or "" for the document as a whole.
    public let item: String
    /// `title is required`.
    public let message: String

    public init(item: String, message: String) {
        self.item = item
        self.message = message
    }

    public var description: String { item.isEmpty ? message : "\(item): \(message)" }
}
