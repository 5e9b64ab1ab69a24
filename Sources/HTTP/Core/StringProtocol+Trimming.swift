extension StringProtocol {
    /// Without leading and trailing spaces and tabs: RFC 9110's optional whitespace (OWS) around a field
    /// value or a list element. Other whitespace is kept. The one trim helper of the HTTP side (the domain's
    /// text fields trim all Unicode whitespace, `FieldRules.trimmed`).
    @inlinable
    public var trimmingSpacesAndTabs: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start {
            let last = index(before: end)
            guard self[last] == " " || self[last] == "\t" else { break }
            end = last
        }
        return self[start..<end]
    }
}
