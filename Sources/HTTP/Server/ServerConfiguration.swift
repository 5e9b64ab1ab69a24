import CLinux
import Glibc

/// Every knob of the server, with safe defaults (documented like Go's `http.Server`).
/// Each maps to a `GOODNEWS_*` variable in the executable.
///
/// What a client can make the server hold, and its bound:
/// - connections: `maxConnections` in all, `maxConnectionsPerAddress` per client; a silent new connection
///   lasts `headerReadTimeout`, an idle kept-alive one `idleTimeout`;
/// - per connection, input: one request head (`ParserLimits`) and body (`maxBodyBytes`), plus at most one
///   read (64 KiB) of pipelined bytes: a connection stops reading while a request is being answered;
/// - per connection, output: pipelined answers are produced until `Connection.outputWatermark` (64 KiB) is
///   queued, then the client must read; a stream may queue `maxStreamBacklog`; `writeTimeout` drops a client
///   that stops reading;
/// - work: `.later` handlers run `poolSize` at a time with at most `maxQueuedJobs` waiting;
/// - labels: `Method.metricsLabel` is one of ten values whatever method token arrives.
public struct ServerConfiguration: Sendable {
    /// Numeric address or host name to bind (`127.0.0.1`, `0.0.0.0`, `::`, `localhost`).
    public var host = "127.0.0.1"
    /// TCP port; 0 lets the kernel pick one (read it back from `HTTPServer.port`).
    public var port = 8080
    /// Event-loop threads, each with its own epoll; default one per core this process may run on (`usableCores`).
    public var loopCount = ServerConfiguration.usableCores
    /// Threads running `.later` handlers (blocking work such as SQLite calls).
    public var poolSize = 32
    /// `.later` handlers waiting for a pool thread (beyond the `poolSize` running). When that many wait, a new
    /// one is answered at once on the loop with 503 and `Retry-After: 1`, and its work never runs: under
    /// overload clients learn to back off instead of everyone's latency growing. A connection has at most one
    /// handler under way, so the default covers 1,024 busy connections at once — four times the benchmark's
    /// 256, each with a request in flight.
    public var maxQueuedJobs = 1024
    /// Length of the kernel's queue of connections not yet accepted.
    public var backlog: Int32 = 1024

    /// From the first byte of a request to the end of its head; past it the client gets 408 and is closed.
    /// Slow or stalled clients hold only their socket until then.
    public var headerReadTimeout: Duration = .seconds(10)
    /// From the end of the head to the end of the body; past it: 408 and close.
    public var bodyReadTimeout: Duration = .seconds(30)
    /// How long a keep-alive connection may sit between requests before it is closed silently.
    public var idleTimeout: Duration = .seconds(60)
    /// How long pending output may make no progress (a client that stopped reading) before the connection is dropped.
    public var writeTimeout: Duration = .seconds(30)

    /// Open connections across all loops; beyond it a new connection gets 503 and is closed at once.
    /// At start the soft `RLIMIT_NOFILE` is raised to the hard limit; if that still cannot hold this many
    /// next to the descriptors already open and a margin (`DescriptorLimit.margin`), the server lowers its
    /// cap to fit and logs a warning, so the cap answers 503 before `accept4` could fail for want of a descriptor.
    public var maxConnections = 10_000
    /// Open connections from one client: an IPv4 address, or an IPv6 /64 (one host can use any address of
    /// its /64; see `ClientConnections.Key`). Beyond it a new connection gets 503 with `Retry-After` and is
    /// closed, so one client cannot take every slot of `maxConnections`. The default is twice the 256
    /// keep-alive connections the benchmark opens from 127.0.0.1, and about 5 % of `maxConnections`.
    /// Behind a reverse proxy every connection comes from the proxy: raise it to `maxConnections` there.
    public var maxConnectionsPerAddress = 512
    /// Size and count limits enforced while a request arrives (414, 431, 413).
    public var parserLimits = ParserLimits()
    /// Unsent output a streaming response may hold for a client that stopped reading; past it the client is dropped.
    public var maxStreamBacklog = 1 << 20

    /// Whether access-log lines carry the client address (off by default: supporters' privacy).
    public var logClientAddress = false
    /// How often each loop checks its connections' deadlines; time-outs fire up to this much late.
    public var timerInterval: Duration = .milliseconds(250)

    public init() {}

    /// Online cores (sysconf), at least 1.
    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Cores this process may actually run on (`taskset -c 0` gives 1): more loops than that only
    /// time-slice one core between them, which adds tail latency and buys nothing.
    public static var usableCores: Int {
        let allowed = Int(goodnews_usable_cpus())
        return allowed > 0 ? min(allowed, onlineCores) : onlineCores
    }
}
