import Dispatch
import HTTP
import SQLite

extension TallyHub {
    /// The timer thread's loop.
    func run() {
        while true {
            let (seconds, attoseconds) = interval.components
            _ = wake.wait(timeout: .now() + .milliseconds(Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
            let stopped = state.withLock { $0.isStopped }
            if stopped { return }
            flush(now: Timestamp.now().seconds)
        }
    }

    /// Sends what changed since the last flush, and a heartbeat comment when one is due.
    /// A storage error skips this round (the flag is raised again for the next).
    func flush(now: Int64) {
        state.withLock { state in
            forgetDeparted(&state)
            if changed.exchange(false, ordering: .acquiringAndReleasing) {
                if state.subscribers.isEmpty {
                    if let newest = try? database.read({ try TallyEventReader.newestID(on: $0) }) {
                        state.lastSentID = newest
                    }
                } else {
                    do {
                        let changes = try database.read { connection in
                            try TallyEventReader.changes(after: state.lastSentID ?? 0, on: connection)
                        }
                        deliver(changes, &state)
                        state.lastSentID = changes.newestID
                    } catch {
                        changed.store(true, ordering: .releasing)
                    }
                }
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

    private func deliver(_ changes: TallyEventReader.Changes, _ state: inout State) {
        guard !changes.events.isEmpty else { return }
        var refused: [Int] = []
        var everything: [UInt8]?
        for (token, subscriber) in state.subscribers {
            let accepted: Bool
            if let caseID = subscriber.caseID {
                guard let event = changes.events.first(where: { $0.caseID == caseID }) else { continue }
                accepted = subscriber.stream.write(event.serverSentEvent(id: changes.newestID))
            } else {
                if everything == nil {
                    everything = changes.events.enumerated().flatMap { index, event in
                        event.serverSentEvent(id: index == changes.events.count - 1 ? changes.newestID : nil)
                    }
                }
                accepted = subscriber.stream.write(everything ?? [])
            }
            if !accepted { refused.append(token) }
        }
        for token in refused { state.subscribers.removeValue(forKey: token) }
    }
}
