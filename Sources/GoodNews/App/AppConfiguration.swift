/// The application's own settings (the HTTP engine's live in `ServerConfiguration`).
public struct AppConfiguration: Sendable {
    /// Public actions per client address per minute; 0 turns the limit off.
    public var actionRatePerMinute = 60
    /// Public actions a client may send at once before the rate applies.
    public var actionBurst = 10
    /// Take the client address from `X-Forwarded-For` (only behind a proxy you run).
    public var trustProxy = false
    /// Origins allowed by CORS; `["*"]` allows any.
    public var corsOrigins = ["*"]
    /// Show client addresses in the access log.
    public var logClientAddress = false

    public init() {}
}
