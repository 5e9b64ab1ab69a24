import Glibc

extension HTTPServer {
    /// Blocks SIGINT and SIGTERM on the calling thread (threads it creates later inherit this), so they can be
    /// awaited with `runUntilSignalled`. Call it first thing in `main` when other threads are started before the server.
    public static func blockTerminationSignals() {
        var set = HTTPServer.terminationSignals
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts the server if needed, waits on the calling thread for SIGINT or SIGTERM, then shuts down
    /// gracefully and returns the signal number. The server's own threads never receive these signals.
    @discardableResult
    public func runUntilSignalled(grace: Duration = .seconds(10)) throws -> Int32 {
        HTTPServer.blockTerminationSignals()
        try start()
        var set = HTTPServer.terminationSignals
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        logger.info("signal received; shutting down", ["signal": received == SIGTERM ? "SIGTERM" : "SIGINT"])
        shutdown(grace: grace)
        return received
    }

    private static var terminationSignals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
