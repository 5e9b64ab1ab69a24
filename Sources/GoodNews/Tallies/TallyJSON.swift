import JSON

/// The tally answers' JSON.
public enum TallyJSON {
    /// `GET /v1/cases/{ref}/tally`.
    public static func caseTally(_ target: ActionTarget, _ tally: CaseTally) -> [UInt8] {
        var writer = JSONWriter(capacity: 160 + 24 * tally.byCountry.count)
        writer.beginObject()
        writer.key("case"); writer.string(target.slug)
        tally.writeMembers(into: &writer)
        writer.key("goal")
        if let goal = target.actionGoal { writer.int(goal) } else { writer.null() }
        writer.key("progress")
        if let goal = target.actionGoal, goal > 0 {
            writer.double(progress(total: tally.total, goal: goal))
        } else {
            writer.null()
        }
        writer.key("updated_at"); writer.time(tally.updatedAt)
        writer.endObject()
        return writer.bytes
    }

    /// `total / goal` rounded DOWN to four decimals (plenty for a progress bar), so a goal never looks reached
    /// before it is: 999,999 of 1,000,000 is 0.9999, and 1 or more only once `total >= goal`. Past the goal
    /// it goes on above 1 (also rounded down). Integer arithmetic throughout: exact, and no input can trap.
    static func progress(total: Int64, goal: Int64) -> Double {
        let (whole, rest) = max(total, 0).quotientAndRemainder(dividingBy: max(goal, 1))
        // rest < goal, so rest × 10,000 fits in 128 bits and its quotient by goal is below 10,000.
        let scaled = rest.multipliedFullWidth(by: 10_000)
        let fraction = max(goal, 1).dividingFullWidth((scaled.high, scaled.low)).quotient
        // Below 2^40 the sum is exact in 53 bits and the division rounds to the nearest double of the
        // four-decimal value (so it prints as such); far past the goal the fraction no longer matters.
        guard whole < 1 << 40 else { return Double(whole) }
        return Double(whole * 10_000 + fraction) / 10_000
    }

    /// `GET /v1/tallies`.
    public static func groups(_ result: TallyGroups) -> [UInt8] {
        var writer = JSONWriter(capacity: 32 + 40 * result.groups.count)
        writer.beginObject()
        writer.key("total"); writer.int(result.total)
        writer.key("groups")
        writer.beginArray()
        for group in result.groups {
            writer.beginObject()
            writer.key("key")
            if let key = group.key { writer.string(key) } else { writer.null() }
            writer.key("total"); writer.int(group.total)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}
