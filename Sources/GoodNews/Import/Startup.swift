import Log

/// What `serve` does before it answers.
public enum Startup {
    /// `serve --demo`: the demo content goes in through the same path as `goodnews import`, and only into an
    /// empty database, so restarting with `--demo` never duplicates or overwrites anything.
    public static func loadDemoIfEmpty(storage: any Storage, assets: Assets, logger: Logger) throws {
        let importer = Importer(storage: storage)
        guard try importer.isEmpty() else {
            logger.info("demo: database already has content; nothing loaded")
            return
        }
        let summary = try importer.importFile(atPath: assets.demoContent)
        logger.info("demo: \(summary.description)")
    }
}
