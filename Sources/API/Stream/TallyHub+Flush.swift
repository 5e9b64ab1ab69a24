import GoodNews
import Dispatch
import HTTP

extension TallyHub {
    /// The timer thread's loop.
    func run() {
        while true {
            let (seconds, attoseconds) = interval.components
            _ = wake.wait(timeout: .now() + .milliseconds(Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
            let stopped = state.withLock { $0.isStopped }
            if stopped { return }
            flush(now: clock.seconds)
        }
    }

    /// What a flush reads, decided under the lock and read outside it.
    private struct Plan {
        /// Whether to read at all: the newest id, and what `liveAfter` and `newcomers` ask for.
        var reads = false
        /// Read the changes after this id for the live streams (nil: none).
        var liveAfter: Int64?
        var newcomers: [Int: Newcomer] = [:]
        /// Cases announced by commits, sent to the live streams even when their actions are not after `liveAfter`.
        var announced: Set<Int64> = []
    }

    /// One catch-up read, shared by every newcomer that asks for the same thing.
    private struct CatchUp: Hashable {
        let after: Int64
        let caseID: Int64?
    }

    /// Sends what changed since the last flush, the catch-up of new streams, and a heartbeat comment when one
    /// is due. Reads happen outside the lock, all from one snapshot; a storage error skips this round (the
    /// flag is raised again and the newcomers wait for the next one).
    func flush(now: Int64) {
        let plan = state.withLock { state -> Plan in
            forgetDeparted(&state)
            // They stay registered (and counted) until they have joined.
            var plan = Plan(newcomers: state.newcomers)
            let hasChanges = changed.exchange(false, ordering: .acquiringAndReleasing)
            plan.announced = announced.withLock { ids in
                defer { ids.removeAll() }
                return ids
            }
            if state.subscribers.isEmpty {
                // Nobody to send to: only the position moves on (and the newcomers' catch-ups are read).
                plan.reads = hasChanges || state.lastSentID == nil || !plan.newcomers.isEmpty
            } else if hasChanges || !plan.newcomers.isEmpty {
                plan.reads = true
                // With newcomers the position moves to the new snapshot, so the live streams must get
                // everything up to it now, flag or not (a commit's flag may not be raised yet).
                plan.liveAfter = state.lastSentID ?? 0
            }
            return plan
        }
        let read: (newest: Int64, live: [TallyEvent], catchUps: [CatchUp: [TallyEvent]])?
        if plan.reads {
            read = try? storage.snapshot { tx in
                let newest = try tx.actions.newestID()
                var live: [TallyEvent] = []
                if let after = plan.liveAfter {
                    live = try TallyEventReader.changes(after: after, newest: newest, in: tx)
                    let sent = Set(live.map(\.caseID))
                    let stragglers = try plan.announced.subtracting(sent).sorted().compactMap { try tx.actions.event(caseID: $0) }
                    if !stragglers.isEmpty { live = (live + stragglers).sorted { $0.caseID < $1.caseID } }
                }
                var catchUps: [CatchUp: [TallyEvent]] = [:]
                for newcomer in plan.newcomers.values {
                    let key = CatchUp(after: newcomer.catchUpAfter, caseID: newcomer.caseID)
                    guard catchUps[key] == nil else { continue }
                    onCatchUpRead()
                    catchUps[key] = try TallyEventReader.changes(after: key.after, caseID: key.caseID,
                                                                 newest: newest, in: tx)
                }
                return (newest, live, catchUps)
            }
        } else {
            read = nil
        }
        state.withLock { state in
            if plan.reads {
                guard let read, !state.isStopped else {
                    // Try again next round (the newcomers are still registered).
                    announced.withLock { $0.formUnion(plan.announced) }
                    changed.store(true, ordering: .releasing)
                    return
                }
                deliver(read.live, newestID: read.newest, &state)
                join(plan.newcomers, read.catchUps, newestID: read.newest, &state)
                state.lastSentID = read.newest
            }
            if now - state.lastHeartbeat >= heartbeat.components.seconds {
                state.lastHeartbeat = now
                let comment = Array(": heartbeat\n\n".utf8)
                for (token, subscriber) in state.subscribers where !subscriber.stream.write(comment) {
                    state.subscribers.removeValue(forKey: token)
                }
            }
        }
    }

    /// Newcomers get their catch-up and go live at the snapshot it was read from; one that left meanwhile
    /// (no longer registered, or refusing the write) is dropped.
    private func join(_ newcomers: [Int: Newcomer], _ catchUps: [CatchUp: [TallyEvent]], newestID: Int64,
                      _ state: inout State) {
        forgetDeparted(&state)
        for (token, newcomer) in newcomers where state.newcomers.removeValue(forKey: token) != nil {
            let events = catchUps[CatchUp(after: newcomer.catchUpAfter, caseID: newcomer.caseID)] ?? []
            guard TallyHub.send(events, newestID: newestID, to: newcomer.stream) else { continue }
            state.subscribers[token] = Subscriber(stream: newcomer.stream, caseID: newcomer.caseID)
        }
    }

    private func deliver(_ events: [TallyEvent], newestID: Int64, _ state: inout State) {
        guard !events.isEmpty else { return }
        var refused: [Int] = []
        var everything: [UInt8]?
        for (token, subscriber) in state.subscribers {
            let accepted: Bool
            if let caseID = subscriber.caseID {
                guard let event = events.first(where: { $0.caseID == caseID }) else { continue }
                accepted = subscriber.stream.write(event.serverSentEvent(id: newestID))
            } else {
                if everything == nil { everything = TallyHub.batch(events, newestID: newestID) }
                accepted = subscriber.stream.write(everything ?? [])
            }
            if !accepted { refused.append(token) }
        }
        for token in refused { state.subscribers.removeValue(forKey: token) }
    }
}
