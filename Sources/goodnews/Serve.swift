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

    @Option(help: "Address to listen on, HOST:PORT; port 0 picks a free one (env: GOODNEWS_ADDR; default 127.0.0.1:8080).")
    var addr: String?

    @Flag(help: "On an empty database, load the demo content first (env: GOODNEWS_DEMO=1).")
    var demo = false

    @Option(help: "Event-loop threads (env: GOODNEWS_LOOPS; default: one per core).")
    var loops: Int?

    @Option(help: "Threads for handlers that touch the database (env: GOODNEWS_POOL; default 32).")
    var pool: Int?

    @Option(help: "Requests waiting for a pool thread at most; beyond it 503 at once (env: GOODNEWS_MAX_QUEUED; default 1024).")
    var maxQueued: Int?

    @Option(help: "Largest request body in bytes; larger ones get 413 (env: GOODNEWS_MAX_BODY; default 1048576).")
    var maxBody: Int?

    @Option(help: "Open connections at most (env: GOODNEWS_MAX_CONNECTIONS; default 10000).")
    var maxConnections: Int?

    @Option(help: "Open connections per client address (IPv6: per /64) at most; behind a proxy, raise it to max-connections (env: GOODNEWS_MAX_CONNECTIONS_PER_ADDRESS; default 512).")
    var maxConnectionsPerAddress: Int?

    @Option(help: "Seconds to receive a request's head (env: GOODNEWS_HEADER_TIMEOUT; default 10).")
    var headerTimeout: Double?

    @Option(help: "Seconds to receive a request's body (env: GOODNEWS_BODY_TIMEOUT; default 30).")
    var bodyTimeout: Double?

    @Option(help: "Seconds an idle keep-alive connection stays open (env: GOODNEWS_IDLE_TIMEOUT; default 60).")
    var idleTimeout: Double?

    @Option(help: "Seconds in-flight requests get to finish at shutdown (env: GOODNEWS_SHUTDOWN_GRACE; default 10).")
    var shutdownGrace: Double?

    @Option(help: "Comma-separated origins allowed by CORS, or * (env: GOODNEWS_CORS_ORIGINS; default *).")
    var corsOrigins: String?

    @Option(help: "Public actions per client address in any 60 seconds, at most 1000; 0 turns the limit off (env: GOODNEWS_ACTION_RATE; default 60).")
    var actionRate: Int?

    @Option(help: "B: public actions per address in any 60·B/rate seconds, at most the rate (env: GOODNEWS_ACTION_BURST; default 10).")
    var actionBurst: Int?

    @Flag(help: "Take the client address from X-Forwarded-For (only behind a trusted proxy) (env: GOODNEWS_TRUST_PROXY=1).")
    var trustProxy = false

    @Option(help: "The site's canonical base URL, e.g. https://goodnews.example.org; absolute links use it and ignore Host (env: GOODNEWS_PUBLIC_URL; default: from Host).")
    var publicURL: String?

    @Option(help: "Live tally streams open at once; 503 beyond (env: GOODNEWS_MAX_STREAMS; default 1000).")
    var maxStreams: Int?

    @Option(help: "Memory budget of the answer cache in bytes, keys included (env: GOODNEWS_CACHE_BYTES; default 67108864).")
    var cacheBytes: Int?

    @Option(help: "debug, info, warn or error (env: GOODNEWS_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(help: "text or json (env: GOODNEWS_LOG_FORMAT; default text).")
    var logFormat: String?

    @Flag(help: "Show client addresses in the access log (env: GOODNEWS_LOG_CLIENT_ADDR=1).")
    var logClientAddr = false

    func run() throws {
        // Before any thread starts (the database's writer among them), so SIGTERM reaches only `sigwait`.
        HTTPServer.blockTerminationSignals()
        let settings = try ServeSettings(self)
        let logger = settings.logger
        let assets = try Assets.locate(explicit: Environment.string(database.assets, "GOODNEWS_ASSETS"))
        let storage = try SQLiteStorage.open(path: database.path, migrationsDirectory: assets.migrations,
                                             log: { logger.info($0) })
        defer { storage.close() }
        if settings.demo { try Startup.loadDemoIfEmpty(storage: storage, assets: assets, logger: logger) }

        let app = try GoodNewsApp(storage: storage, assets: assets, configuration: settings.app, logger: logger)
        let server = HTTPServer(configuration: settings.server, router: app.router,
                                middleware: app.middleware, logger: logger)
        try server.start()
        _ = try server.runUntilSignalled(grace: settings.shutdownGrace)
        app.shutdown()
    }
}
