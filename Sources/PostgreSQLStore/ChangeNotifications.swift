import Glibc
import GoodNews
import PostgreSQL
import Synchronization
import Threads

/// How the nodes on one database tell each other what a commit changed: after each commit that changed
/// something, the node's `ChangeAnnouncer` sends `NOTIFY goodnews_changes` on a connection of its own, merging
/// the commits that came meanwhile into one; every node listens (`ChangeListener`), and hands what the others
/// changed to its commit observer, which drops the cached answers that depended on it and wakes its live
/// tally streams.
///
/// Not inside the writes' transactions: a transaction that has sent NOTIFY takes a database-wide lock at
/// commit and keeps it through its WAL flush, so every write would commit one fsync after the other (W5 fell
/// to 813 actions/s). Sent after the commit, a crash in between can lose an announcement; the others' cached
/// answers then stay until their `max-age` or the next change of the same data.
///
/// Payload: `<node> <content 0|1> <tallies: - | * | id,id,…>`, under PostgreSQL's 8,000-byte limit (a
/// commit naming more cases than fit says `*`, every case).
enum ChangeNotice {
    static let channel = "goodnews_changes"
    static let maxCaseIDs = 500

    static func payload(_ changes: StorageChanges, node: String) -> String {
        let tallies: String
        switch changes.tallies {
        case .none: tallies = "-"
        case .all: tallies = "*"
        case .cases(let ids): tallies = ids.count > maxCaseIDs ? "*" : ids.sorted().map(String.init).joined(separator: ",")
        }
        return "\(node) \(changes.content ? 1 : 0) \(tallies)"
    }

    /// The sender and its changes; nil for a payload this build does not understand (read as `.all`).
    static func parse(_ payload: String) -> (node: String, changes: StorageChanges)? {
        let parts = payload.split(separator: " ")
        guard parts.count == 3, parts[1] == "0" || parts[1] == "1" else { return nil }
        let tallies: StorageChanges.Tallies
        switch parts[2] {
        case "-": tallies = .none
        case "*": tallies = .all
        default:
            let ids = parts[2].split(separator: ",").compactMap { Int64($0) }
            guard !ids.isEmpty else { return nil }
            tallies = .cases(Set(ids))
        }
        return (String(parts[0]), StorageChanges(content: parts[1] == "1", tallies: tallies))
    }
}

/// The sending side: one thread and connection; `announce` (called after each commit) only merges and wakes it.
final class ChangeAnnouncer: Sendable {
    private let state = Locked<(pending: StorageChanges, stopping: Bool)>((.none, false))
    private let wake = ConditionLock()
    private let thread = Locked<PosixThread?>(nil)
    private let url: String
    private let node: String

    init(url: String, node: String, log: @escaping @Sendable (String) -> Void) throws {
        self.url = url
        self.node = node
        let connection = try Sending(url: url)
        thread.withLock {
            $0 = try? PosixThread(name: "pg-announce") { [self] in run(connection, log: log) }
        }
    }

    func announce(_ changes: StorageChanges) {
        guard !changes.isEmpty else { return }
        state.withLock { $0.pending.formUnion(changes) }
        wake.withLock { wake.signal() }
    }

    func stop() {
        state.withLock { $0.stopping = true }
        wake.withLock { wake.signal() }
        let thread = self.thread.withLock { current in
            defer { current = nil }
            return current
        }
        thread?.join()
    }

    private final class Sending: @unchecked Sendable {
        let connection: Connection
        init(url: String) throws { connection = try Connection(url: url) }
    }

    private func run(_ sending: Sending, log: @Sendable (String) -> Void) {
        let connection = sending.connection
        defer { connection.close() }
        while true {
            let (changes, stopping) = wake.withLock { () -> (StorageChanges, Bool) in
                while true {
                    let taken = state.withLock { state -> (StorageChanges, Bool) in
                        defer { state.pending = .none }
                        return (state.pending, state.stopping)
                    }
                    if !taken.0.isEmpty || taken.1 { return taken }
                    _ = wake.wait(until: MonotonicClock.now() + 1_000_000_000)
                }
            }
            if !changes.isEmpty { send(changes, on: connection, log: log) }
            if stopping { return }
        }
    }

    /// One NOTIFY; on a lost connection, one reset and a second try (then the others learn of it when their
    /// own listener reconnects, which counts as "everything changed").
    private func send(_ changes: StorageChanges, on connection: Connection, log: @Sendable (String) -> Void) {
        let payload = ChangeNotice.payload(changes, node: node)
        do {
            try connection.notify(ChangeNotice.channel, payload: payload)
        } catch {
            do {
                try connection.reset()
                try connection.notify(ChangeNotice.channel, payload: payload)
            } catch {
                log("could not tell the other nodes what changed: \(error)")
            }
        }
    }
}

/// The listening side: one thread with a connection of its own. A lost connection is reset (every second
/// until the server answers); notifications sent meanwhile are lost, so a reconnect counts as "anything
/// may have changed" (`.all`).
final class ChangeListener: Sendable {
    private let stopping = Atomic<Bool>(false)
    private let thread = Locked<PosixThread?>(nil)

    init(url: String, node: String, log: @escaping @Sendable (String) -> Void,
         deliver: @escaping @Sendable (StorageChanges) -> Void) throws {
        let connection = try Listening(url: url)
        thread.withLock {
            $0 = try? PosixThread(name: "pg-listen") { [self] in
                run(connection, node: node, log: log, deliver: deliver)
            }
        }
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        let thread = self.thread.withLock { current in
            defer { current = nil }
            return current
        }
        thread?.join()
    }

    /// The connection, handed to the thread that alone uses it.
    private final class Listening: @unchecked Sendable {
        let connection: Connection
        init(url: String) throws {
            connection = try Connection(url: url)
            try connection.listen(ChangeNotice.channel)
        }
    }

    private var isStopping: Bool { stopping.load(ordering: .acquiring) }

    private func run(_ listening: Listening, node: String,
                     log: @Sendable (String) -> Void, deliver: @Sendable (StorageChanges) -> Void) {
        let connection = listening.connection
        defer { connection.close() }
        var lost = false
        while !isStopping {
            if lost {
                do {
                    try connection.reset()
                    lost = false
                    log("listening for other nodes' changes again")
                    deliver(.all)
                } catch {
                    waitOrStop(seconds: 1)
                    continue
                }
            }
            do {
                guard let notification = try connection.nextNotification(timeout: .milliseconds(250)) else { continue }
                guard let (sender, changes) = ChangeNotice.parse(notification.payload) else {
                    deliver(.all)
                    continue
                }
                if sender != node && !changes.isEmpty { deliver(changes) }
            } catch {
                log("lost the connection that listens for other nodes' changes: \(error)")
                lost = true
            }
        }
    }

    private func waitOrStop(seconds: Int) {
        for _ in 0..<(seconds * 10) where !isStopping {
            var pause = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            nanosleep(&pause, nil)
        }
    }
}
