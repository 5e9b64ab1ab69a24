import GoodNews
/// The application's own settings (the HTTP engine's live in `ServerConfiguration`).
public struct AppConfiguration: Sendable {
    /// Public actions per client address in any 60 seconds (at most `RateLimiter.maxRate`); 0 turns it off.
    public var actionRatePerMinute = 60
    /// B: at most B public actions per address in any 60·B/rate seconds (clamped to the rate).
    public var actionBurst = 10
    /// Take the client address from `X-Forwarded-For` (only behind a proxy you run).
    public var trustProxy = false
    /// The site's canonical base URL (`https://goodnews.example.org`): absolute links (the feed's) use it and
    /// the request's `Host` is ignored. nil: links follow `Host` (see `BaseURL`). Set it through
    /// `normalisedPublicURL`, which refuses anything but an http(s) URL of a valid host.
    public var publicURL: String?
    /// Origins allowed by CORS; `["*"]` allows any.
    public var corsOrigins = ["*"]
    /// How long a token found valid is trusted without a database read, in seconds: also the longest a token
    /// revoked by another process keeps working. 0 checks every request against the database.
    public var tokenCacheSeconds = 1.0
    /// Live tally streams (`/v1/stream/tallies`) open at once; beyond, 503 with `Retry-After`.
    public var maxStreams = 1_000
    /// The answer cache's memory budget in bytes (keys, bodies and per-entry overhead all count). 128 MiB
    /// holds the JSON item and the story page of each of 10,000 posts (about 11 KB together) at once.
    public var answerCacheBytes = 128 << 20

    public init() {}

    /// `text` as `publicURL` takes it (scheme and host lower-cased, no trailing `/`), or nil when it is not
    /// an `http://` or `https://` URL of a valid host with an optional path.
    public static func normalisedPublicURL(_ text: String) -> String? { BaseURL.canonical(text) }
}
