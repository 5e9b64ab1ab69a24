import HTTP
import SQLite
import Threads

extension TallyHub {
    /// Starts a stream: the `retry` hint, then catch-up events, then live ones.
    ///
    /// Catch-up: narrowed to a case (`caseID`), the case's current tally, always (a counter on a page
    /// shows the figure at once); otherwise, with a `Last-Event-ID`, the current tally of every case
    /// that changed after that action id. Events carry the newest action id they include as `id`.
    public func subscribe(_ stream: ResponseStream, caseID: Int64?, lastEventID: Int64?) throws {
        stream.write(Array("retry: 3000\n\n".utf8))
        let token: Int? = try state.withLock { state in
            guard !state.isStopped else { return nil }
            let changes = try database.read { connection in
                try TallyEventReader.changes(after: lastEventID, caseID: caseID, on: connection)
            }
            TallyHub.send(changes.events, newestID: changes.newestID, to: [stream])
            if state.lastSentID == nil { state.lastSentID = changes.newestID }
            if state.thread == nil { state.thread = try startThread() }
            let token = state.nextToken
            state.nextToken += 1
            state.subscribers[token] = Subscriber(stream: stream, caseID: caseID)
            return token
        }
        guard let token else { return stream.finish() }
        stream.onClose { [weak self] in
            self?.departed.withLock { $0.append(token) }
        }
    }

    private func startThread() throws(ServiceError) -> PosixThread {
        do {
            return try PosixThread(name: "tally-hub") { [self] in run() }
        } catch {
            throw .unavailable("cannot start the tally-hub thread: \(error)")
        }
    }

    /// Writes `events` to `streams`; only the last event carries the id, so a client cut off part way
    /// through resumes from the previous id and gets the rest again. Returns the streams that refused.
    @discardableResult
    static func send(_ events: [TallyEvent], newestID: Int64, to streams: [ResponseStream]) -> [ResponseStream] {
        guard !events.isEmpty else { return [] }
        var bytes: [UInt8] = []
        for (index, event) in events.enumerated() {
            bytes += event.serverSentEvent(id: index == events.count - 1 ? newestID : nil)
        }
        return streams.filter { !$0.write(bytes) }
    }
}
