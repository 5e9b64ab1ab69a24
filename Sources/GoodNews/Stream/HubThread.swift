import Glibc

/// A joinable background thread with the termination signals blocked, so SIGTERM and SIGINT keep
/// reaching the thread that waits for them (`HTTPServer.runUntilSignalled`).
final class HubThread: Sendable {
    // pthread_t is an integer handle on Linux; written once in init.
    private let handle: pthread_t

    private final class Start {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    init(name: String, _ body: @escaping @Sendable () -> Void) throws {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&blocked, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let start = Unmanaged.passRetained(Start(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Start>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, start)
        guard result == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            throw ServiceError.unavailable("cannot start the \(name) thread (error \(result))")
        }
        handle = thread
    }

    func join() { pthread_join(handle, nil) }
}
