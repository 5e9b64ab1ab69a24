/// What is wrong with one field of a request body, e.g. `image.url` "must be a string".
public struct JSONFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the field from the body's root: `title`, `image.url`, `tags[2]`.
    public let field: String
    /// What is wrong, phrased to follow the field's name: "is required", "must be a string".
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) \(message)" }
}
