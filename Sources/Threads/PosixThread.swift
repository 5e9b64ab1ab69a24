import CThreads
import Glibc

/// A joinable pthread: every long-lived thread of the process starts here (event loops, the blocking pool,
/// the database writer, the tally hub). Threads start with SIGINT/SIGTERM/SIGPIPE blocked, so termination
/// signals reach the thread that waits for them (`HTTPServer.runUntilSignalled`) and never a worker.
public final class PosixThread: Sendable {
    // pthread_t is an integer handle on Linux; written once in init.
    private let handle: pthread_t

    private final class Start {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread named `name` (Linux keeps the first 15 bytes).
    public init(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) {
        var blocked = PosixThread.serverSignals()
        var previous = sigset_t()
        // The new thread inherits the creator's mask: block, create, restore.
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }

        let start = Unmanaged.passRetained(Start(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            start.body()
            return nil
        }, start)
        guard result == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            throw SystemError("pthread_create", result)
        }
        handle = thread
        _ = pthread_setname_np(thread, String(name.prefix(15)))
    }

    /// True when called on this thread.
    public var isCurrent: Bool { pthread_equal(pthread_self(), handle) != 0 }

    /// Waits for the thread to end. Call once, from another thread.
    public func join() { pthread_join(handle, nil) }

    /// Lets a thread end on its own (one that outlived its grace period, or one that stops itself).
    public func detach() { pthread_detach(handle) }

    static func serverSignals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGPIPE)
        return set
    }
}
