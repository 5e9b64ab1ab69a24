import GoodNews

/// Grouped counts, as both engines' tally stores read them, folded into the domain's totals.
extension SiteStats {
    /// Rows of `SELECT status, count(*) FROM cases GROUP BY status`.
    public mutating func addCases(_ rows: [(status: String, count: Int64)]) {
        for (status, count) in rows {
            switch status {
            case "active": casesActive = count
            case "resolved": casesResolved = count
            case "closed": casesClosed = count
            default: break
            }
        }
    }
}

extension ContentTotals {
    /// A row of `SELECT status, published_at <= now, count(*) FROM posts GROUP BY 1, 2`.
    public mutating func addPosts(status: String, isPublic: Bool, count: Int) {
        switch (status, isPublic) {
        case ("published", true): publicPosts += count
        case ("published", false): scheduledPosts += count
        default: draftPosts += count
        }
    }
}
