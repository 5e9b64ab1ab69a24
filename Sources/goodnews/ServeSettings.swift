import API
import ArgumentParser
import GoodNews
import HTTP
import Log

/// `serve`'s flags and GOODNEWS_* variables (through `Setting`) resolved into the engine's and the app's
/// configurations; what neither sets keeps the configuration's own default.
struct ServeSettings {
    var server = ServerConfiguration()
    var app = AppConfiguration()
    var logger: Logger
    var demo: Bool
    var shutdownGrace: Duration

    /// How long in-flight requests get at SIGTERM/SIGINT unless told otherwise.
    static let defaultShutdownGrace: Duration = .seconds(10)

    init(_ options: Serve) throws {
        let level = Setting.logLevel.string(options.logLevel) ?? ""
        guard let logLevel = Logger.Level(name: level) else {
            throw ValidationError("log level must be debug, info, warn or error, not \"\(level)\"")
        }
        let format = Setting.logFormat.string(options.logFormat) ?? ""
        guard let logFormat = Logger.Format(rawValue: format) else {
            throw ValidationError("log format must be text or json, not \"\(format)\"")
        }
        logger = Logger(level: logLevel, format: logFormat)
        demo = Setting.demo.isOn(options.demo)

        (server.host, server.port) = try ServeSettings.hostAndPort(Setting.addr.string(options.addr) ?? "")
        if let loops = try positive(.loops, options.loops) { server.loopCount = loops }
        if let pool = try positive(.pool, options.pool) { server.poolSize = pool }
        if let queued = try positive(.maxQueued, options.maxQueued) { server.maxQueuedJobs = queued }
        if let maxBody = try positive(.maxBody, options.maxBody) { server.parserLimits.maxBodyBytes = maxBody }
        if let max = try positive(.maxConnections, options.maxConnections) { server.maxConnections = max }
        if let max = try positive(.maxConnectionsPerAddress, options.maxConnectionsPerAddress) {
            server.maxConnectionsPerAddress = max
        }
        if let s = try seconds(.headerTimeout, options.headerTimeout) { server.headerReadTimeout = s }
        if let s = try seconds(.bodyTimeout, options.bodyTimeout) { server.bodyReadTimeout = s }
        if let s = try seconds(.idleTimeout, options.idleTimeout) { server.idleTimeout = s }
        shutdownGrace = try seconds(.shutdownGrace, options.shutdownGrace) ?? ServeSettings.defaultShutdownGrace
        server.logClientAddress = Setting.logClientAddr.isOn(options.logClientAddr)

        app.trustProxy = Setting.trustProxy.isOn(options.trustProxy)
        if let origins = Setting.corsOrigins.string(options.corsOrigins) {
            app.corsOrigins = origins.split(separator: ",").map { String($0.trimmingSpacesAndTabs) }.filter { !$0.isEmpty }
        }
        if let rate = try Setting.actionRate.int(options.actionRate) {
            guard (0...RateLimiter.maxRate).contains(rate) else {
                throw ValidationError("action rate must be 0 (off) to \(RateLimiter.maxRate)")
            }
            app.actionRatePerMinute = rate
        }
        if let burst = try positive(.actionBurst, options.actionBurst) { app.actionBurst = burst }
        if let text = Setting.publicURL.string(options.publicURL) {
            guard let url = AppConfiguration.normalisedPublicURL(text) else {
                throw ValidationError("public URL must be http:// or https:// and a host name, not \"\(text)\"")
            }
            app.publicURL = url
        }
        if let max = try positive(.maxStreams, options.maxStreams) { app.maxStreams = max }
        if let bytes = try positive(.cacheBytes, options.cacheBytes) { app.answerCacheBytes = bytes }
    }

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

private func positive(_ setting: Setting, _ flagValue: Int?) throws -> Int? {
    guard let value = try setting.int(flagValue) else { return nil }
    guard value > 0 else { throw ValidationError("\(setting.flag) must be at least 1") }
    return value
}

private func seconds(_ setting: Setting, _ flagValue: Double?) throws -> Duration? {
    guard let value = try setting.double(flagValue) else { return nil }
    // A year at most: larger values would overflow the milliseconds below (and mean "never" anyway).
    guard value > 0, value <= 31_536_000 else {
        throw ValidationError("time-outs must be positive numbers of seconds, at most a year")
    }
    return .milliseconds(Int64(value * 1000))
}
