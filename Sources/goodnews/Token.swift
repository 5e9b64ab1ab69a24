import ArgumentParser
import GoodNews
import Log
import SQLiteStore

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage admin API tokens (only their SHA-256 is stored).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A name to recognise the token by, e.g. the person or system holding it.")
        var name: String

        func run() throws {
            try withTokens(database) { tokens in print(try tokens.create(name: name)) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: name, created, last used, revoked.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try withTokens(database) { tokens in
                for token in try tokens.list() { print(token.description) }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name.")
        @OptionGroup var database: DatabaseOptions
        @Argument var name: String

        func run() throws {
            try withTokens(database) { tokens in
                try tokens.revoke(name: name)
                print("revoked \(name)")
            }
        }
    }
}

private func withTokens(_ options: DatabaseOptions, _ body: (TokenService) throws -> Void) throws {
    let storage = try options.openStorage(assets: options.locateAssets(), logger: Logger(level: .warn))
    defer { storage.close() }
    try body(TokenService(storage: storage))
}
