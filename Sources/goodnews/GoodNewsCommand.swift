import ArgumentParser
import GoodNews
import Log
import SQLiteStore

@main
struct GoodNewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goodnews",
        abstract: "The Good News API server: posts, cases and supporters' action tallies over HTTP/JSON.",
        discussion: """
        Every option can also be set by the GOODNEWS_* environment variable named in its help;
        a flag given on the command line wins over the environment.
        """,
        subcommands: [Serve.self, Migrate.self, Import.self, Copy.self, Token.self, Backup.self],
        defaultSubcommand: Serve.self
    )
}

/// `--db` and `--assets`, shared by every subcommand that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: Setting.db.name, help: Setting.db.help)
    var db: String?

    @Option(name: Setting.assets.name, help: Setting.assets.help)
    var assets: String?

    var path: String { Setting.db.string(db) ?? "" }

    var engine: Engine { Engine(path) }

    func locateAssets() throws -> Assets { try Assets.locate(explicit: Setting.assets.string(assets)) }

    /// The storage every command works on, migrated: the one place the executable picks the engine.
    /// The database, migrated, with every Markdown text rendered (rows from before `body_html` existed).
    func openStorage(assets: Assets, logger: Logger) throws -> any EngineStorage {
        let storage = try engine.open(assets: assets, logger: logger)
        do {
            let rendered = try RenderedMarkdown.renderPending(in: storage)
            if rendered > 0 { logger.info("rendered the Markdown of \(rendered) stored posts and cases") }
        } catch {
            storage.close()
            throw error
        }
        return storage
    }
}
