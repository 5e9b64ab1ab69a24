import Glibc
import GoodNews

/// Content turned into the dictionaries the templates read. Keys are the templates' names (snake_case);
/// a value that is empty is left out, so `{{#summary}}…{{/summary}}` shows nothing for it.
enum PageViews {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// "4 September 2020" (UTC) and the RFC 3339 time for `<time datetime>`.
    static func date(_ seconds: Int64?) -> (display: String, iso: String)? {
        guard let seconds else { return nil }
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return nil }
        let display = "\(parts.tm_mday) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900)"
        return (display, Timestamp(seconds: seconds).rfc3339)
    }

    /// "4,021".
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// "6.6 million" from a million on, else `count`.
    static func large(_ value: Int64) -> String {
        guard value >= 1_000_000 else { return count(value) }
        let tenths = (value + 50_000) / 100_000
        let whole = tenths / 10, fraction = tenths % 10
        return (fraction == 0 ? "\(whole)" : "\(whole).\(fraction)") + " million"
    }

    static func tags(_ tags: [String]) -> [[String: Any]] {
        tags.map { ["name": $0, "href": "/tags/" + PagePaths.escapeSegment($0)] }
    }

    static func statusLabel(_ status: CaseStatus) -> String {
        switch status {
        case .active: "Active"
        case .resolved: "Resolved"
        case .closed: "Closed"
        }
    }

    static func image(_ image: PostImage?, title: String) -> [String: Any]? {
        guard let image else { return nil }
        var view: [String: Any] = ["url": image.url, "alt": image.caption ?? title]
        if let caption = image.caption { view["caption"] = caption }
        return view
    }

    /// A post as `post-card.mustache` and `post.mustache` read it.
    static func post(_ post: Post) -> [String: Any] {
        var view: [String: Any] = ["slug": post.slug, "title": post.title, "body_html": post.bodyHTML]
        if !post.summary.isEmpty { view["summary"] = post.summary }
        if let date = date(post.publishedAt) { view["date"] = date.display; view["datetime"] = date.iso }
        if let image = image(post.image, title: post.title) { view["image"] = image }
        if !post.tags.isEmpty { view["has_tags"] = true; view["tags"] = tags(post.tags) }
        return view
    }

    /// A case as `case.mustache` reads it.
    static func `case`(_ item: Case) -> [String: Any] {
        var view: [String: Any] = ["slug": item.slug, "name": item.name, "country": item.country,
                                   "status": item.status.rawValue, "status_label": statusLabel(item.status),
                                   "description_html": item.descriptionHTML,
                                   "is_active": item.status == .active]
        if !item.summary.isEmpty { view["summary"] = item.summary }
        if let outcome = item.outcome { view["outcome"] = outcome }
        if let campaign = item.campaign { view["campaign"] = campaign }
        if !item.tags.isEmpty { view["has_tags"] = true; view["tags"] = item.tags.map { ["name": $0] } }
        return view
    }

    /// A case's tally and its progress toward the goal.
    static func tally(_ tally: CaseTally, goal: Int64?) -> [String: Any] {
        var view: [String: Any] = ["total": count(tally.total), "total_raw": tally.total,
                                   "noun": tally.total == 1 ? "action" : "actions"]
        let kinds = tally.byKind.map { ["key": $0.kind, "total": count($0.total)] }
        let countries = tally.byCountry.sorted { ($0.total, $1.country) > ($1.total, $0.country) }
            .map { ["key": $0.country, "total": count($0.total)] }
        if !kinds.isEmpty { view["has_kinds"] = true; view["by_kind"] = kinds }
        if !countries.isEmpty { view["has_countries"] = true; view["by_country"] = countries }
        if let goal, goal > 0 {
            view["goal"] = count(goal)
            view["goal_raw"] = goal
            view["progress_value"] = min(tally.total, goal)
            view["percent"] = min(100, tally.total * 100 / goal)
        }
        return view
    }

    /// A search hit as `search.mustache` reads it.
    static func hit(_ hit: SearchHit) -> [String: Any] {
        var view: [String: Any] = [
            "type": hit.kind.rawValue, "type_label": hit.kind == .post ? "Story" : "Case",
            "title": hit.title, "snippet": hit.snippet,
            "href": (hit.kind == .post ? "/posts/" : "/cases/") + hit.slug,
        ]
        if let date = date(hit.publishedAt) { view["date"] = date.display; view["datetime"] = date.iso }
        return view
    }
}
