import API
import ArgumentParser
import Glibc
import GoodNews
import HTTP
import Log
import SQLiteStore

/// One setting of the executable: its flag, its `GOODNEWS_*` variable, its default as shown and what it does.
///
/// `Setting.all` is the one table: the commands' options take their names and help from it, `ServeSettings`
/// reads the environment through it, and README's "## Configuration" table is `markdownTable` (a test fails
/// when they differ). A default lives where the code uses it (`ServerConfiguration`, `AppConfiguration`, or
/// `fallback` here for the few values that have no other home); `shown` only prints it.
struct Setting: Sendable {
    /// The long flag without `--`.
    let flag: String
    let variable: String
    /// The default in README's words (Markdown); `--help` shows it without backquotes.
    let shown: String
    /// What it does (Markdown), said once for `--help` and the README.
    let meaning: String
    /// A switch (`--demo`) takes no value; its variable is on for `1`, `true`, `yes` or `on`.
    let isSwitch: Bool
    /// The value parsed when neither the flag nor the variable is set, for settings without a struct to hold it.
    let fallback: String?

    init(_ flag: String, _ variable: String, shown: String, _ meaning: String,
         isSwitch: Bool = false, fallback: String? = nil) {
        self.flag = flag
        self.variable = variable
        self.shown = shown
        self.meaning = meaning
        self.isSwitch = isSwitch
        self.fallback = fallback
    }

    var name: NameSpecification { .customLong(flag) }

    /// `meaning (env: GOODNEWS_X; default D).`, plain text for the terminal.
    var help: ArgumentHelp {
        let env = isSwitch ? "env: \(variable)=1" : "env: \(variable); default \(Setting.plain(shown))"
        return ArgumentHelp("\(Setting.plain(meaning)) (\(env)).")
    }

    private static func plain(_ markdown: String) -> String { markdown.filter { $0 != "`" } }
}

// MARK: - Resolution: the flag wins over the environment.

extension Setting {
    /// The flag's value, else the variable's (unset or empty counts as absent), else `fallback`.
    func string(_ flagValue: String?) -> String? {
        if let flagValue { return flagValue }
        if let raw = getenv(variable) {
            let value = String(cString: raw)
            if !value.isEmpty { return value }
        }
        return fallback
    }

    func int(_ flagValue: Int?) throws -> Int? {
        if let flagValue { return flagValue }
        guard let text = string(nil) else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(variable) must be a whole number, not \"\(text)\"") }
        return value
    }

    func double(_ flagValue: Double?) throws -> Double? {
        if let flagValue { return flagValue }
        guard let text = string(nil) else { return nil }
        guard let value = Double(text) else { throw ValidationError("\(variable) must be a number, not \"\(text)\"") }
        return value
    }

    func isOn(_ flagValue: Bool) -> Bool {
        if flagValue { return true }
        guard let text = string(nil)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }
}

// MARK: - The table

extension Setting {
    private static let server = ServerConfiguration()
    private static let app = AppConfiguration()

    static let db = Setting("db", "GOODNEWS_DB", shown: "`./goodnews.sqlite`",
                            "SQLite database file, or a `postgresql://` URL (libpq's `PG*` variables fill in the rest)",
                            fallback: "./goodnews.sqlite")
    static let assets = Setting("assets", "GOODNEWS_ASSETS", shown: "beside the binary",
                                "folder with `migrations/`, `public/`, `templates/`, `demo/`")
    static let addr = Setting("addr", "GOODNEWS_ADDR", shown: "`\(server.host):\(server.port)`",
                              "listen address (`HOST:PORT`, `[::1]:PORT`; port 0 picks one)",
                              fallback: "\(server.host):\(server.port)")
    static let demo = Setting("demo", "GOODNEWS_DEMO", shown: "off", "load the demo content into an empty database",
                              isSwitch: true)
    static let loops = Setting("loops", "GOODNEWS_LOOPS", shown: "usable cores", "event-loop threads")
    static let pool = Setting("pool", "GOODNEWS_POOL", shown: "\(server.poolSize)",
                              "threads for handlers that touch the database (they share \(SQLiteStorage.defaultReaders) SQLite readers)")
    static let maxQueued = Setting("max-queued", "GOODNEWS_MAX_QUEUED", shown: "\(server.maxQueuedJobs)",
                                   "requests waiting for a pool thread (503 with `Retry-After` beyond)")
    static let maxBody = Setting("max-body", "GOODNEWS_MAX_BODY", shown: "\(server.parserLimits.maxBodyBytes)",
                                 "largest request body in bytes (413 beyond)")
    static let maxConnections = Setting(
        "max-connections", "GOODNEWS_MAX_CONNECTIONS", shown: "\(server.maxConnections)",
        "open connections (503 and close beyond; lowered to fit `ulimit -n`, with a warning)")
    static let maxConnectionsPerAddress = Setting(
        "max-connections-per-address", "GOODNEWS_MAX_CONNECTIONS_PER_ADDRESS",
        shown: "\(server.maxConnectionsPerAddress)",
        "open connections per client address, IPv6 per /64 (503 and close beyond; behind a proxy set it to `--max-connections`)")
    static let headerTimeout = Setting("header-timeout", "GOODNEWS_HEADER_TIMEOUT",
                                       shown: seconds(server.headerReadTimeout), "time to receive a request head")
    static let bodyTimeout = Setting("body-timeout", "GOODNEWS_BODY_TIMEOUT",
                                     shown: seconds(server.bodyReadTimeout), "time to receive a body")
    static let idleTimeout = Setting("idle-timeout", "GOODNEWS_IDLE_TIMEOUT",
                                     shown: seconds(server.idleTimeout), "keep-alive idle time")
    static let shutdownGrace = Setting("shutdown-grace", "GOODNEWS_SHUTDOWN_GRACE",
                                       shown: seconds(ServeSettings.defaultShutdownGrace),
                                       "time in-flight requests get at SIGTERM/SIGINT")
    static let corsOrigins = Setting("cors-origins", "GOODNEWS_CORS_ORIGINS",
                                     shown: "`\(app.corsOrigins.joined(separator: ","))`",
                                     "comma-separated allowed origins")
    static let actionRate = Setting(
        "action-rate", "GOODNEWS_ACTION_RATE", shown: "\(app.actionRatePerMinute)",
        "public actions per client address in any 60 s (exact; at most \(RateLimiter.maxRate)); 0 = off")
    static let actionBurst = Setting("action-burst", "GOODNEWS_ACTION_BURST", shown: "\(app.actionBurst)",
                                     "B: at most B public actions in any 60·B/rate s (clamped to the rate)")
    static let trustProxy = Setting(
        "trust-proxy", "GOODNEWS_TRUST_PROXY", shown: "off",
        "client address, `Host` and scheme from the rightmost `X-Forwarded-For`/`-Host`/`-Proto` entry (only behind a proxy you run)",
        isSwitch: true)
    static let publicURL = Setting(
        "public-url", "GOODNEWS_PUBLIC_URL", shown: "from `Host`",
        "the site's canonical base URL (`https://goodnews.example.org`) for absolute links; `Host` is then ignored")
    static let maxStreams = Setting("max-streams", "GOODNEWS_MAX_STREAMS", shown: "\(app.maxStreams)",
                                    "live tally streams open at once (503 + `Retry-After` beyond)")
    static let cacheBytes = Setting("cache-bytes", "GOODNEWS_CACHE_BYTES", shown: "\(app.answerCacheBytes)",
                                    "answer cache budget in bytes (keys, bodies and per-entry overhead)")
    static let logLevel = Setting(
        "log-level", "GOODNEWS_LOG_LEVEL", shown: "`\(Logger.Level.info.name)`",
        "`debug`, `info` (one access line per request), `warn`, `error`", fallback: Logger.Level.info.name)
    static let logFormat = Setting("log-format", "GOODNEWS_LOG_FORMAT", shown: "`\(Logger.Format.text.rawValue)`",
                                   "`text` or `json`", fallback: Logger.Format.text.rawValue)
    static let logClientAddr = Setting("log-client-addr", "GOODNEWS_LOG_CLIENT_ADDR", shown: "off",
                                       "show client addresses in the access log", isSwitch: true)

    /// Every setting, in the README's order.
    static let all: [Setting] = [
        addr, db, assets, demo, loops, pool, maxQueued, maxBody, maxConnections, maxConnectionsPerAddress,
        headerTimeout, bodyTimeout, idleTimeout, shutdownGrace, corsOrigins, actionRate, actionBurst, trustProxy,
        publicURL, maxStreams, cacheBytes, logLevel, logFormat, logClientAddr,
    ]

    /// README's configuration table.
    static var markdownTable: String {
        var lines = ["| variable | flag | default | meaning |", "|---|---|---|---|"]
        for setting in all {
            lines.append("| `\(setting.variable)` | `--\(setting.flag)` | \(setting.shown) | \(setting.meaning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ duration: Duration) -> String { "\(duration.components.seconds) s" }
}
