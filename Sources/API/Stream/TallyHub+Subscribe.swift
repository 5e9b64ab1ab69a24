import GoodNews
import HTTP
import Threads

extension TallyHub {
    /// Starts a stream: the `retry` hint now, then (from the next flush, which this wakes) catch-up events,
    /// then live ones. 503 with `Retry-After` when `maxSubscribers` streams are open.
    ///
    /// Catch-up: narrowed to a case (`caseID`), the case's current tally, always (a counter on a page shows
    /// the figure at once); otherwise the current tally of every case that changed after `lastEventID`, or,
    /// without one, after the newest action at the time of subscribing (so nothing committed once the
    /// stream was asked for is missed). Events carry the newest action id they include as `id`.
    /// Costs one primary-key lookup (the newest action id), outside the hub's lock.
    public func subscribe(_ stream: ResponseStream, caseID: Int64?, lastEventID: Int64?) throws {
        let newest = try storage.read { try $0.actions.newestID() }
        // An id newer than any action is from another database (or a restored backup): resend everything.
        let catchUpAfter = lastEventID.map { $0 > newest ? Int64.max : $0 } ?? newest
        stream.write(Array("retry: 3000\n\n".utf8))
        let token: Int? = try state.withLock { state in
            guard !state.isStopped else { return nil }
            forgetDeparted(&state)
            guard state.streamCount < maxSubscribers else {
                throw ServiceError.unavailable("too many live streams are open; retry later", retryAfter: 10)
            }
            if state.thread == nil { state.thread = try startThread() }
            let token = state.nextToken
            state.nextToken += 1
            state.newcomers[token] = Newcomer(stream: stream, caseID: caseID, catchUpAfter: catchUpAfter)
            return token
        }
        guard let token else { return stream.finish() }
        stream.onClose { [weak self] in
            self?.departed.withLock { $0.append(token) }
        }
        wake.signal()
    }

    private func startThread() throws(ServiceError) -> PosixThread {
        do {
            return try PosixThread(name: "tally-hub") { [self] in run() }
        } catch {
            throw .unavailable("cannot start the tally-hub thread: \(error)")
        }
    }

    /// Writes `events` to `stream` in one piece; only the last event carries the id, so a client cut off part
    /// way through resumes from the previous id and gets the rest again. False when the stream refused.
    @discardableResult
    static func send(_ events: [TallyEvent], newestID: Int64, to stream: ResponseStream) -> Bool {
        guard !events.isEmpty else { return true }
        return stream.write(batch(events, newestID: newestID))
    }

    static func batch(_ events: [TallyEvent], newestID: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, event) in events.enumerated() {
            bytes += event.serverSentEvent(id: index == events.count - 1 ? newestID : nil)
        }
        return bytes
    }
}
