/// One member of a create or PATCH body, declared once: its rule's bounds, whether a create needs it, what
/// `null` does, and its description. The services take their member lists and bounds from these
/// declarations (`PostService.body`, `CaseService.body`) and `/openapi.json` makes each member's schema from
/// them, so the document and the validation cannot name different members or bounds.
public struct BodyField: Sendable {
    public enum Rule: Sendable {
        /// Short text, trimmed, 1 to `max` code points, no control character (`title`, `name`).
        case name(max: Int)
        /// Long text kept as given, up to `max` (tab, line feed, carriage return allowed); `null` in a PATCH: "".
        case text(max: Int)
        /// Short text, trimmed, up to `max`; blank means null (`outcome`, `campaign`).
        case optionalText(max: Int)
        /// A slug (`Slug.isValid`); derived when left out.
        case slug
        /// One of `values`.
        case choice([String])
        /// An RFC 3339 time with any offset, years 0001–9999.
        case time
        /// Up to `FieldRules.maxTags` tags of 1 to `FieldRules.maxTagLength` code points.
        case tags
        /// Up to `max` slugs of other content (`cases` of a post).
        case references(max: Int)
        /// Two letters, trimmed of spaces (`CaseService.countryPattern`).
        case country
        /// A positive integer.
        case positiveInteger
        /// An object whose schema is `#/components/schemas/<name>` (`image`).
        case object(String)
        /// A member of the item as read (`id`, `created_at`): accepted and ignored.
        case readOnly
    }

    public let name: String
    public let rule: Rule
    /// A create without it is a 422 (`is required`).
    public let required: Bool
    public let description: String

    public init(_ name: String, _ rule: Rule, required: Bool = false, _ description: String = "") {
        self.name = name
        self.rule = rule
        self.required = required
        self.description = description
    }

    /// Whether `null` is accepted in a PATCH (it clears the member); for `slug`, `title`, `name`, `country`
    /// and `status` it is a 422 (`must not be null`). On create, `null` is the same as leaving a member out.
    public var clearable: Bool {
        switch rule {
        case .name, .slug, .choice, .country: false
        default: true
        }
    }

    public var isReadOnly: Bool {
        if case .readOnly = rule { return true }
        return false
    }
}

extension [BodyField] {
    /// The members a body may set.
    public var writable: Set<String> { Set(filter { !$0.isReadOnly }.map(\.name)) }
    /// The members that are accepted and ignored.
    public var readOnly: Set<String> { Set(filter(\.isReadOnly).map(\.name)) }
}
