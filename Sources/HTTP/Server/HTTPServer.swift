import Glibc
import Log
import Threads

/// The HTTP/1.1 server. `loopCount` event-loop threads each run their own level-triggered epoll over
/// non-blocking sockets; one listening socket is shared with EPOLLEXCLUSIVE and each accepted connection is
/// placed on the least-loaded loop, where it stays. `.now` handlers run inline on that loop (one sendmsg per
/// answer); `.later` handlers run on a `poolSize` blocking pool and post their answer back through the
/// loop's mutex-guarded inbox and eventfd, so slow work never stalls other connections' I/O.
/// Do not call `shutdown` from a handler: it waits for the loops, including the caller's.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    private let router: Router
    private let middleware: [any Middleware]
    let logger: Logger
    private let lifecycle = Locked(Lifecycle.created)
    /// Serialises `start` and `shutdown`, so a second shutdown waits for the first and then returns.
    private let transitions = ConditionLock()

    private enum Lifecycle {
        case created
        case running(Running)
        case stopped
    }

    private struct Running: Sendable {
        let context: ServerContext
        let loops: [EventLoop]
        let threads: [PosixThread]
    }

    public init(configuration: ServerConfiguration, router: Router, middleware: [any Middleware], logger: Logger) {
        self.configuration = configuration
        self.router = router
        self.middleware = middleware
        self.logger = logger
    }

    /// The bound port (useful with port 0); 0 before `start`.
    public var port: Int {
        lifecycle.withLock { if case .running(let running) = $0 { running.context.listener.port } else { 0 } }
    }

    /// `host:port` as bound, e.g. `127.0.0.1:8080`; empty before `start`.
    public var boundAddress: String {
        lifecycle.withLock { if case .running(let running) = $0 { running.context.listener.boundAddress } else { "" } }
    }

    /// Binds, starts the pool and the loops, and returns once the socket is listening.
    public func start() throws {
        try transitions.withLock {
            guard case .created = lifecycle.withLock({ $0 }) else { return }
            // A peer that vanishes must not kill the process; writes also pass MSG_NOSIGNAL.
            _ = signal(SIGPIPE, SIG_IGN)
            let listener = try ListeningSocket(host: configuration.host, port: configuration.port,
                                               backlog: configuration.backlog)
            let pool = try BlockingPool(size: configuration.poolSize, maxQueued: configuration.maxQueuedJobs,
                                        name: "http-pool")
            let responder = Responder(router: router, middleware: middleware, logger: logger)
            let context = ServerContext(configuration: configuration, responder: responder, logger: logger,
                                        pool: pool, listener: listener, connectionCap: fitConnectionCap())
            var loops: [EventLoop] = []
            var threads: [PosixThread] = []
            do {
                for index in 0..<max(1, configuration.loopCount) {
                    loops.append(try EventLoop(index: index, context: context))
                }
                // Each loop knows the others (to place accepted connections) before any thread runs.
                for loop in loops { loop.peers = loops }
                for loop in loops {
                    threads.append(try PosixThread(name: "http-loop-\(loop.index)") { loop.run() })
                }
            } catch {
                for loop in loops { loop.post(.shutdown(deadline: 0, acknowledge: {})) }
                for thread in threads { thread.join() }
                for loop in loops { loop.peers = [] }
                pool.shutdown(deadline: 0)
                listener.descriptor.close()
                throw error
            }
            lifecycle.withLock { $0 = .running(Running(context: context, loops: loops, threads: threads)) }
            logger.info("listening", ["address": listener.boundAddress, "loops": String(loops.count),
                                      "pool": String(configuration.poolSize),
                                      "max_connections": String(context.connectionCap)])
        }
    }

    /// Raises the descriptor limit and fits the connection cap under it; called once the listener is open,
    /// before the loops add their epoll and eventfd descriptors (counted here).
    private func fitConnectionCap() -> Int {
        guard let limit = DescriptorLimit.raiseSoftLimit() else { return configuration.maxConnections }
        let loops = max(1, configuration.loopCount)
        let inUse = (DescriptorLimit.openDescriptors() ?? 16) + 2 * loops
        let cap = DescriptorLimit.connectionCap(maxConnections: configuration.maxConnections, limit: limit, inUse: inUse)
        if cap < configuration.maxConnections {
            logger.warn("connection cap lowered to fit the open-file limit (RLIMIT_NOFILE)", [
                "max_connections": String(configuration.maxConnections), "connection_cap": String(cap),
                "descriptor_limit": String(limit), "descriptors_in_use": String(inUse),
            ])
        }
        return cap
    }

    /// Stops accepting, closes idle connections, lets requests under way finish (streams are ended)
    /// for up to `grace`, then closes what is left and joins every thread. Idempotent.
    public func shutdown(grace: Duration = .seconds(10)) {
        transitions.withLock {
            guard case .running(let running) = lifecycle.withLock({ $0 }) else {
                lifecycle.withLock { if case .created = $0 { $0 = .stopped } }
                return
            }
            let deadline = MonotonicClock.now() &+ grace.nanoseconds
            let acknowledged = Countdown(running.loops.count)
            for loop in running.loops {
                loop.post(.shutdown(deadline: deadline, acknowledge: { acknowledged.countDown() }))
            }
            // Every loop has taken the listener out of its epoll set: closing it now refuses new clients.
            acknowledged.wait()
            running.context.listener.descriptor.close()
            for thread in running.threads { thread.join() }
            running.context.pool.shutdown(deadline: deadline)
            lifecycle.withLock { $0 = .stopped }
            logger.info("stopped")
        }
    }
}
