import GoodNews

/// What both engines' content stores decide the same way, given a lookup in their own SQL.
public enum ContentRules {
    /// The ids of the cases named by `slugs`, in order and without repeats; 422 with `cases[i]` "no such case"
    /// for each unknown one. `owner` looks a case slug up.
    public static func caseIDs(_ slugs: [String], owner: (String) throws -> Int64?) throws -> [Int64] {
        var ids: [Int64] = []
        var issues = IssueList()
        for (index, slug) in slugs.enumerated() {
            if let id = try owner(slug) {
                if !ids.contains(id) { ids.append(id) }
            } else {
                issues.add("cases[\(index)]", "no such case")
            }
        }
        try issues.throwIfAny()
        return ids
    }

    /// The first free `base-2`, `base-3`… given `taken`, every slug between `base-` and `base.` (one index range
    /// scan); a candidate shortened to fit 120 characters falls outside that range, so `isTaken` asks for it.
    public static func numberedSlug(_ base: String, taken: Set<String>, isTaken: (String) throws -> Bool) rethrows -> String {
        var n = 2
        while true {
            let candidate = Slug.numbered(base, n)
            let used = candidate.hasPrefix(base + "-") ? taken.contains(candidate) : try isTaken(candidate)
            if !used { return candidate }
            n += 1
        }
    }

    /// Where a post list's walk starts (migrations/README.md, "Feed"): ONE row-value upper bound on
    /// `(published_at, id)`, the smallest of "now" (public feed), `to` and the cursor; whether the dated walk
    /// runs at all (a cursor without a date points into the undated drafts, which come after every dated row),
    /// and, for admin lists of drafts, the undated drafts below `undatedBelow`.
    public struct PostListPosition: Sendable, Equatable {
        public var bound = (at: Int64.max, id: Int64.max)
        public var undatedBelow = Int64.max
        public var startsDated = true
        public var includesUndated = false

        public init(_ query: PostListQuery, scope: PostListQuery.Scope, now: Int64) {
            func lower(_ at: Int64, _ id: Int64) { if (at, id) < bound { bound = (at, id) } }
            if scope == .publicFeed { lower(now, .max) }
            if let to = query.to { lower(to, .max) }
            if let cursor = query.common.cursor {
                if let at = cursor.at { lower(at, cursor.id) } else { undatedBelow = cursor.id }
            }
            startsDated = query.common.cursor == nil || query.common.cursor?.at != nil
            includesUndated = (scope == .drafts || scope == .all) && query.from == nil && query.to == nil
        }

        /// `X-Total-Count`'s upper bound on `published_at`, whatever the cursor.
        public static func totalUpperBound(_ query: PostListQuery, scope: PostListQuery.Scope, now: Int64) -> Int64? {
            scope == .publicFeed ? min(now, query.to ?? .max) : query.to
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.bound == b.bound && a.undatedBelow == b.undatedBelow && a.startsDated == b.startsDated
                && a.includesUndated == b.includesUndated
        }
    }
}
