#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPostgreSQL

/// A NOTIFY received on a channel this connection listens on.
public struct ChannelNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    /// The server process of the session that sent it (`Connection.backendProcessID`).
    public let senderProcessID: Int32

    public init(channel: String, payload: String, senderProcessID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderProcessID = senderProcessID
    }
}

// LISTEN/NOTIFY. A notification is sent when the sender's transaction commits ("if a NOTIFY is
// executed inside a transaction, the notify events are not delivered until and unless the
// transaction is committed"), to every session listening on its channel then, the sender's
// included. A listener keeps one connection for it on one thread and loops on
// `nextNotification(timeout:)`; the timeout lets it notice a request to stop. Notifications
// that arrive while the connection runs other commands are kept for the next call.
extension Connection {
    /// Starts listening on `channel` (an identifier, quoted here, so any case or character goes).
    public func listen(_ channel: String) throws {
        try execute("LISTEN " + Connection.quoteIdentifier(channel))
        channels.insert(channel)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN " + Connection.quoteIdentifier(channel))
        channels.remove(channel)
    }

    /// Sends `payload` (under 8000 bytes) on `channel`, at the commit of the current
    /// transaction, or at once outside one. Both are bound values, never SQL text.
    public func notify(_ channel: String, payload: String = "") throws {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The next notification, waiting up to `timeout` for one; nil when none came in time.
    /// Throws a connection error (`isConnectionError`) when the connection is lost meanwhile.
    public func nextNotification(timeout: Duration) throws -> ChannelNotification? {
        let handle = try openHandle()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let notification = takeNotification(handle) { return notification }
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return nil }
            let socket = pq.pointee.PQsocket(handle)
            guard socket >= 0 else { throw lostConnection(handle) }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, remaining.roundedUpMilliseconds)
            if ready < 0 {
                let code = errno
                if code == EINTR { continue }
                throw PostgreSQLError(state: .connectionFailure, message: "poll failed: errno \(code)")
            }
            // "PQconsumeInput normally returns 1 indicating 'no error', but returns 0 if there
            // was some kind of trouble"; the server closing the session is such trouble.
            if ready > 0, pq.pointee.PQconsumeInput(handle) == 0 || pq.pointee.PQstatus(handle) != CONNECTION_OK {
                throw lostConnection(handle)
            }
        }
    }

    /// A notification libpq has already read, if any ("PQnotifies ... returns the next
    /// notification from a list of unhandled notification messages").
    private func takeNotification(_ handle: OpaquePointer) -> ChannelNotification? {
        guard let notify = pq.pointee.PQnotifies(handle) else { return nil }
        defer { pq.pointee.PQfreemem(notify) }
        return ChannelNotification(
            channel: notify.pointee.relname.map { String(cString: $0) } ?? "",
            payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
            senderProcessID: notify.pointee.be_pid)
    }

    private func lostConnection(_ handle: OpaquePointer) -> PostgreSQLError {
        PostgreSQLError(
            state: .connectionFailure,
            message: Connection.text(pq.pointee.PQerrorMessage(handle)) ?? "connection lost",
            isConnectionError: true)
    }
}

extension Duration {
    /// Whole milliseconds, rounded up (a wait never ends early), clamped to CInt.
    var roundedUpMilliseconds: CInt {
        let (seconds, attoseconds) = components
        let milliseconds = min(seconds, Int64(CInt.max)) * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return CInt(clamping: milliseconds)
    }
}
