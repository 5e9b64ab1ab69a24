import ArgumentParser

@main
struct GoodNewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goodnews",
        abstract: "The Good News API server: posts, cases and supporters' action tallies over HTTP/JSON.",
        discussion: """
        Every option can also be set by the GOODNEWS_* environment variable named in its help;
        a flag given on the command line wins over the environment.
        """,
        subcommands: [Serve.self, Migrate.self, Import.self, Token.self, Backup.self],
        defaultSubcommand: Serve.self
    )
}

/// `--db`, shared by every subcommand that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env: GOODNEWS_DB; default ./goodnews.sqlite).")
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "Folder holding migrations/, public/ and demo/ (env: GOODNEWS_ASSETS; default: found beside the binary).",
        valueName: "dir"))
    var assets: String?

    var path: String { Environment.string(db, "GOODNEWS_DB") ?? "./goodnews.sqlite" }
}
