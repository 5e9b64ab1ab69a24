import JSON

/// The tally answers' JSON.
enum TallyJSON {
    /// `GET /v1/cases/{ref}/tally`.
    static func caseTally(_ target: ActionTarget, _ tally: CaseTally) -> [UInt8] {
        var writer = JSONWriter(capacity: 160 + 24 * tally.byCountry.count)
        writer.beginObject()
        writer.key("case"); writer.string(target.slug)
        tally.writeMembers(into: &writer)
        writer.key("goal")
        if let goal = target.actionGoal { writer.int(goal) } else { writer.null() }
        writer.key("progress")
        if let goal = target.actionGoal, goal > 0 {
            // Four decimals are plenty for a progress bar and keep the answer stable to read.
            writer.double((Double(tally.total) / Double(goal) * 10_000).rounded() / 10_000)
        } else {
            writer.null()
        }
        writer.key("updated_at"); ActionJSON.time(tally.updatedAt, into: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `GET /v1/tallies`.
    static func groups(_ result: TallyStore.Groups) -> [UInt8] {
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
