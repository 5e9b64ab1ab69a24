import JSON

/// The members of a PATCH body that posts and cases read alike; each is nil when the member is absent
/// (the stored value stays).
extension FieldRules {
    /// `slug`, checked; `null` is an issue.
    static func patchedSlug(_ reader: JSONFieldReader, into issues: inout IssueList) -> String? {
        guard let value = presentString(reader, "slug", into: &issues) else { return nil }
        slug(value, into: &issues)
        return value
    }

    /// A text member of at most `max` characters; `null` clears it to "".
    static func patchedText(_ reader: JSONFieldReader, _ key: String, max: Int,
                            into issues: inout IssueList) -> String? {
        guard reader.field(key) != .absent else { return nil }
        let value = issues.read { try reader.string(key) } ?? ""
        text(value, field: key, max: max, into: &issues)
        return value
    }

    /// `tags`, checked with repeats dropped; `null` clears them.
    static func patchedTags(_ reader: JSONFieldReader, into issues: inout IssueList) -> [String]? {
        guard reader.field("tags") != .absent else { return nil }
        return tags(issues.read { try reader.stringArray("tags") } ?? [], field: "tags", into: &issues)
    }
}
