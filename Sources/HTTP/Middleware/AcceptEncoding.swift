/// `Accept-Encoding` negotiation (RFC 9110 §12.5.3), just enough to decide on gzip.
enum AcceptEncoding {
    /// Whether gzip is acceptable: listed (or `x-gzip`) with q > 0, or covered by `*` with q > 0 when not listed.
    static func allowsGzip(_ header: String) -> Bool {
        var wildcard: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = first.trimmingSpacesAndTabs.lowercased()
            let acceptable = parts.dropFirst().allSatisfy { !isZeroQuality($0) }
            switch coding {
            case "gzip", "x-gzip": return acceptable
            case "*": wildcard = acceptable
            default: continue
            }
        }
        return wildcard ?? false
    }

    /// `q=0`, `q=0.0`, `q=0.000`: "not acceptable".
    private static func isZeroQuality(_ parameter: Substring) -> Bool {
        let text = parameter.trimmingSpacesAndTabs.lowercased()
        guard text.hasPrefix("q=") else { return false }
        let value = text.dropFirst(2)
        return !value.isEmpty && value.allSatisfy { $0 == "0" || $0 == "." }
    }
}
