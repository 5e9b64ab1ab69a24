import GoodNews
import HTTP
import JSON
import Log

/// Everything the server serves, wired together: services over the storage, their routes, the middleware.
/// The executable builds one of these and hands `router` and `middleware` to an `HTTPServer`.
public final class GoodNewsApp: Sendable {
    public let router: Router
    public let middleware: [any Middleware]
    let context: AppContext

    public convenience init(storage: any Storage, assets: Assets, configuration: AppConfiguration,
                            logger: Logger) throws {
        try self.init(storage: storage, assets: assets, configuration: configuration, logger: logger,
                      onCatchUpRead: {})
    }

    /// Seams for tests: `clock`, the time every service and route reads; `onCatchUpRead`, called inside
    /// every catch-up read of the live tally stream.
    init(storage: any Storage, assets: Assets, configuration: AppConfiguration, logger: Logger,
         clock: WallClock = .system, onCatchUpRead: @escaping @Sendable () -> Void) throws {
        let context = try AppContext(storage: storage, assets: assets, configuration: configuration, logger: logger,
                                     clock: clock, onCatchUpRead: onCatchUpRead)
        var router = Router()
        router.errorMapper = ErrorMapping.problem(for:)
        for feature in GoodNewsApp.features(context) { feature.register(on: &router) }
        self.router = router
        self.context = context
        middleware = [
            context.metrics,  // first, so it sees every request and every answer
            RequestID(),
            CORS(allowedOrigins: configuration.corsOrigins),
            // didHandle runs in reverse: the 304 check sees the plain body before it is compressed.
            Gzip(),
            ConditionalGET(),
        ]
    }

    /// Every group of routes; `OpenAPIDocument` describes each of them.
    static func features(_ context: AppContext) -> [any Feature] {
        [
            OperationsRoutes(context: context),
            PostRoutes(context: context),
            CaseRoutes(context: context),
            SearchRoutes(context: context),
            FeedRoutes(context: context),
            PreviewRoutes(context: context),
            ActionRoutes(context: context),
            TallyRoutes(context: context),
            StreamRoutes(context: context),
            MetricsRoutes(context: context),
            PageRoutes(context: context),
            AssetRoutes(context: context),
            OpenAPIRoutes(context: context),
        ]
    }

    /// Ends live streams and background work before the storage closes.
    public func shutdown() {
        context.shutdown()
    }
}

/// A group of routes that registers itself and documents itself: the OpenAPI document is assembled from
/// every feature's entries, so a route and its description live side by side (`<Feature>+OpenAPI.swift`).
protocol Feature: Sendable {
    func register(on router: inout Router)
    /// OpenAPI 3.1 `paths` entries for the routes registered above: path template (`/v1/posts/{ref}`),
    /// lower-case method, operation object.
    var openAPIPaths: [(path: String, method: String, operation: JSONValue)] { get }
    /// Schemas the operations reference as `#/components/schemas/<name>`.
    var openAPISchemas: [(name: String, schema: JSONValue)] { get }
}

extension Feature {
    var openAPISchemas: [(name: String, schema: JSONValue)] { [] }
}

/// What route groups share: services, caches, settings.
final class AppContext: Sendable {
    let storage: any Storage
    let assets: Assets
    let configuration: AppConfiguration
    let logger: Logger
    /// The time of day for every route and service (publication, expiry, `created_at`).
    let clock: WallClock
    let cache: AnswerCache
    let metrics = Metrics()
    let authenticator: Authenticator
    /// Live tally streams; ended in `shutdown`.
    let tallyHub: TallyHub

    init(storage: any Storage, assets: Assets, configuration: AppConfiguration, logger: Logger,
         clock: WallClock = .system, onCatchUpRead: @escaping @Sendable () -> Void = {}) throws {
        self.storage = storage
        self.clock = clock
        self.assets = assets
        self.configuration = configuration
        self.logger = logger
        cache = AnswerCache(maxBytes: configuration.answerCacheBytes)
        authenticator = Authenticator(tokens: TokenService(storage: storage, clock: clock), maxAge: configuration.tokenCacheSeconds)
        tallyHub = TallyHub(storage: storage, clock: clock, maxSubscribers: configuration.maxStreams, onCatchUpRead: onCatchUpRead)
        // The one place answers derived from the data are dropped: after every commit, this process's
        // (before the write's answer is sent) or another's (`goodnews import` while the server runs).
        storage.onCommit { [weak self] changes in
            guard let self else { return }
            if changes.content { cache.contentChanged() }
            switch changes.tallies {
            case .none: break
            case .cases(let ids):
                cache.talliesChanged(cases: ids)
                tallyHub.tallyChanged(cases: ids)
            case .all:
                cache.talliesChanged(cases: nil)
                tallyHub.tallyChanged()
            }
        }
    }

    func shutdown() {
        storage.onCommit(nil)
        tallyHub.shutdown()
    }
}
