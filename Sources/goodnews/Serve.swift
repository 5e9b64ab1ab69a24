import API
import ArgumentParser
import GoodNews
import HTTP
import SQLite
import SQLiteStore

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP server (applies pending migrations first).")

    @OptionGroup var database: DatabaseOptions

    // Names and help from `Setting` (Settings.swift), the one table of flags, variables and defaults.
    @Option(name: Setting.addr.name, help: Setting.addr.help) var addr: String?
    @Flag(name: Setting.demo.name, help: Setting.demo.help) var demo = false
    @Option(name: Setting.loops.name, help: Setting.loops.help) var loops: Int?
    @Option(name: Setting.pool.name, help: Setting.pool.help) var pool: Int?
    @Option(name: Setting.maxQueued.name, help: Setting.maxQueued.help) var maxQueued: Int?
    @Option(name: Setting.maxBody.name, help: Setting.maxBody.help) var maxBody: Int?
    @Option(name: Setting.maxConnections.name, help: Setting.maxConnections.help) var maxConnections: Int?
    @Option(name: Setting.maxConnectionsPerAddress.name, help: Setting.maxConnectionsPerAddress.help)
    var maxConnectionsPerAddress: Int?
    @Option(name: Setting.headerTimeout.name, help: Setting.headerTimeout.help) var headerTimeout: Double?
    @Option(name: Setting.bodyTimeout.name, help: Setting.bodyTimeout.help) var bodyTimeout: Double?
    @Option(name: Setting.idleTimeout.name, help: Setting.idleTimeout.help) var idleTimeout: Double?
    @Option(name: Setting.shutdownGrace.name, help: Setting.shutdownGrace.help) var shutdownGrace: Double?
    @Option(name: Setting.corsOrigins.name, help: Setting.corsOrigins.help) var corsOrigins: String?
    @Option(name: Setting.actionRate.name, help: Setting.actionRate.help) var actionRate: Int?
    @Option(name: Setting.actionBurst.name, help: Setting.actionBurst.help) var actionBurst: Int?
    @Flag(name: Setting.trustProxy.name, help: Setting.trustProxy.help) var trustProxy = false
    @Option(name: Setting.publicURL.name, help: Setting.publicURL.help) var publicURL: String?
    @Option(name: Setting.maxStreams.name, help: Setting.maxStreams.help) var maxStreams: Int?
    @Option(name: Setting.cacheBytes.name, help: Setting.cacheBytes.help) var cacheBytes: Int?
    @Option(name: Setting.logLevel.name, help: Setting.logLevel.help) var logLevel: String?
    @Option(name: Setting.logFormat.name, help: Setting.logFormat.help) var logFormat: String?
    @Flag(name: Setting.logClientAddr.name, help: Setting.logClientAddr.help) var logClientAddr = false

    func run() throws {
        // Before any thread starts (the database's writer among them), so SIGTERM reaches only `sigwait`.
        HTTPServer.blockTerminationSignals()
        let settings = try ServeSettings(self)
        let logger = settings.logger
        let assets = try database.locateAssets()
        let storage = try database.openStorage(assets: assets, logger: logger)
        defer { storage.close() }
        if settings.demo { try Startup.loadDemoIfEmpty(storage: storage, assets: assets, logger: logger) }
        try storage.startServing(log: { logger.info($0) })

        let app = try GoodNewsApp(storage: storage, assets: assets, configuration: settings.app, logger: logger)
        let server = HTTPServer(configuration: settings.server, router: app.router,
                                middleware: app.middleware, logger: logger)
        try server.start()
        _ = try server.runUntilSignalled(grace: settings.shutdownGrace)
        app.shutdown()
    }
}
