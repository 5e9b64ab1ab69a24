import Log
import Synchronization
import Threads

/// What every loop shares, fixed at `start()`: configuration, responder, pool, listener, counters.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let logger: Logger
    let pool: BlockingPool
    let listener: ListeningSocket
    let timeouts: ConnectionState.Timeouts
    /// Open connections across all loops, against `connectionCap`.
    let openConnections = Atomic<Int>(0)
    /// `maxConnections`, or fewer if the descriptor limit cannot hold that many (`DescriptorLimit`).
    let connectionCap: Int
    /// Large bodies sent again and again, from sealed files by sendfile(2).
    let sealedBodies = SealedBodies()
    /// Logging is decided once: access records are only built when they will be written.
    let logsAccess: Bool

    init(configuration: ServerConfiguration, responder: Responder, logger: Logger,
         pool: BlockingPool, listener: ListeningSocket, connectionCap: Int) {
        self.configuration = configuration
        self.connectionCap = connectionCap
        self.responder = responder
        self.logger = logger
        self.pool = pool
        self.listener = listener
        timeouts = ConnectionState.Timeouts(
            headerRead: configuration.headerReadTimeout.nanoseconds,
            bodyRead: configuration.bodyReadTimeout.nanoseconds,
            idle: configuration.idleTimeout.nanoseconds,
            write: configuration.writeTimeout.nanoseconds)
        logsAccess = logger.isEnabled(.info)
    }
}
