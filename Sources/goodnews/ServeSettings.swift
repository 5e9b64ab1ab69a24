import API
import ArgumentParser
import GoodNews
import HTTP

/// `serve`'s flags and GOODNEWS_* variables resolved into the engine's and the app's configurations.
struct ServeSettings {
    var server = ServerConfiguration()
    var app = AppConfiguration()
    var logger: Logger
    var demo: Bool

    init(_ options: Serve) throws {
        let level = Environment.string(options.logLevel, "GOODNEWS_LOG_LEVEL") ?? "info"
        guard let logLevel = Logger.Level(name: level) else {
            throw ValidationError("log level must be debug, info, warn or error, not \"\(level)\"")
        }
        let format = Environment.string(options.logFormat, "GOODNEWS_LOG_FORMAT") ?? "text"
        guard let logFormat = Logger.Format(rawValue: format) else {
            throw ValidationError("log format must be text or json, not \"\(format)\"")
        }
        logger = Logger(level: logLevel, format: logFormat)
        demo = Environment.bool(options.demo, "GOODNEWS_DEMO")

        let addr = Environment.string(options.addr, "GOODNEWS_ADDR") ?? "127.0.0.1:8080"
        (server.host, server.port) = try ServeSettings.hostAndPort(addr)
        if let loops = try Environment.int(options.loops, "GOODNEWS_LOOPS") { server.loopCount = try positive(loops, "loops") }
        if let pool = try Environment.int(options.pool, "GOODNEWS_POOL") { server.poolSize = try positive(pool, "pool") }
        if let queued = try Environment.int(options.maxQueued, "GOODNEWS_MAX_QUEUED") {
            server.maxQueuedJobs = try positive(queued, "max-queued")
        }
        if let maxBody = try Environment.int(options.maxBody, "GOODNEWS_MAX_BODY") {
            server.parserLimits.maxBodyBytes = try positive(maxBody, "max-body")
        }
        if let max = try Environment.int(options.maxConnections, "GOODNEWS_MAX_CONNECTIONS") {
            server.maxConnections = try positive(max, "max-connections")
        }
        if let max = try Environment.int(options.maxConnectionsPerAddress, "GOODNEWS_MAX_CONNECTIONS_PER_ADDRESS") {
            server.maxConnectionsPerAddress = try positive(max, "max-connections-per-address")
        }
        if let s = try Environment.double(options.headerTimeout, "GOODNEWS_HEADER_TIMEOUT") { server.headerReadTimeout = try seconds(s) }
        if let s = try Environment.double(options.bodyTimeout, "GOODNEWS_BODY_TIMEOUT") { server.bodyReadTimeout = try seconds(s) }
        if let s = try Environment.double(options.idleTimeout, "GOODNEWS_IDLE_TIMEOUT") { server.idleTimeout = try seconds(s) }
        shutdownGrace = try seconds(try Environment.double(options.shutdownGrace, "GOODNEWS_SHUTDOWN_GRACE") ?? 10)
        server.logClientAddress = Environment.bool(options.logClientAddr, "GOODNEWS_LOG_CLIENT_ADDR")

        app.logClientAddress = server.logClientAddress
        app.trustProxy = Environment.bool(options.trustProxy, "GOODNEWS_TRUST_PROXY")
        if let origins = Environment.string(options.corsOrigins, "GOODNEWS_CORS_ORIGINS") {
            app.corsOrigins = origins.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
        }
        if let rate = try Environment.int(options.actionRate, "GOODNEWS_ACTION_RATE") {
            guard (0...RateLimiter.maxRate).contains(rate) else {
                throw ValidationError("action rate must be 0 (off) to \(RateLimiter.maxRate)")
            }
            app.actionRatePerMinute = rate
        }
        if let burst = try Environment.int(options.actionBurst, "GOODNEWS_ACTION_BURST") {
            app.actionBurst = try positive(burst, "action-burst")
        }
        if let text = Environment.string(options.publicURL, "GOODNEWS_PUBLIC_URL") {
            guard let url = AppConfiguration.normalisedPublicURL(text) else {
                throw ValidationError("public URL must be http:// or https:// and a host name, not \"\(text)\"")
            }
            app.publicURL = url
        }
        if let max = try Environment.int(options.maxStreams, "GOODNEWS_MAX_STREAMS") {
            app.maxStreams = try positive(max, "max-streams")
        }
        if let bytes = try Environment.int(options.cacheBytes, "GOODNEWS_CACHE_BYTES") {
            app.answerCacheBytes = try positive(bytes, "cache-bytes")
        }
    }

    var shutdownGrace: Duration = .seconds(10)

    static func hostAndPort(_ text: String) throws -> (String, Int) {
        // `[::1]:8080` for IPv6, `host:port` otherwise.
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port)
        else { throw ValidationError("address must be HOST:PORT, not \"\(text)\"") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

private func positive(_ value: Int, _ name: String) throws -> Int {
    guard value > 0 else { throw ValidationError("\(name) must be at least 1") }
    return value
}

private func seconds(_ value: Double) throws -> Duration {
    // A year at most: larger values would overflow the milliseconds below (and mean "never" anyway).
    guard value > 0, value <= 31_536_000 else {
        throw ValidationError("time-outs must be positive numbers of seconds, at most a year")
    }
    return .milliseconds(Int64(value * 1000))
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
