import ArgumentParser
import Foundation
import HTTP
import Log
import Testing
@testable import goodnews

/// The settings table against what reads it: the parser, `--help`, the environment and the README.
/// Serialised: some tests set GOODNEWS_* variables, which are process-wide.
@Suite(.serialized)
struct SettingsTests {
    @Test func readmeConfigurationTableIsTheSettingsTable() throws {
        let readme = try String(contentsOfFile: Self.repositoryRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## Configuration\n"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "| variable |"))
        let end = rest[start.lowerBound...].range(of: "\n\n")?.lowerBound ?? rest.endIndex
        let table = String(rest[start.lowerBound..<end]) + "\n"
        #expect(table == Setting.markdownTable,
                "README's ## Configuration table differs from Setting.all; replace it with:\n\(Setting.markdownTable)")
    }

    @Test func everyOptionOfServeIsInTheTableAndBack() {
        let help = Serve.helpMessage(columns: 10_000)
        let flags = Set(help.split(whereSeparator: { " ,\n<>()".contains($0) })
            .filter { $0.hasPrefix("--") && $0 != "--help" && $0 != "--version" }.map { String($0.dropFirst(2)) })
        #expect(flags == Set(Setting.all.map(\.flag)))
        for setting in Setting.all {
            #expect(help.contains("env: \(setting.variable)"), "\(setting.flag)'s help names \(setting.variable)")
        }
        #expect(help.contains("(env: GOODNEWS_POOL; default 32)"))
        #expect(help.contains("(env: GOODNEWS_DB; default ./goodnews.sqlite)"))
        #expect(help.contains("(env: GOODNEWS_HEADER_TIMEOUT; default 10 s)"))
    }

    @Test func everySubcommandWithADatabaseTakesDbAndAssets() {
        for help in [Migrate.helpMessage(columns: 10_000), Import.helpMessage(columns: 10_000), Backup.helpMessage(columns: 10_000),
                     Token.Create.helpMessage(columns: 10_000)] {
            #expect(help.contains("--db") && help.contains("env: GOODNEWS_DB"))
            #expect(help.contains("--assets") && help.contains("env: GOODNEWS_ASSETS"))
        }
    }

    @Test func defaultsAreTheConfigurationsOwn() throws {
        let settings = try Self.resolve([])
        let server = ServerConfiguration()
        #expect(settings.server.host == "127.0.0.1" && settings.server.port == 8080)
        #expect(settings.server.poolSize == server.poolSize && settings.server.loopCount == server.loopCount)
        #expect(settings.server.headerReadTimeout == .seconds(10))
        #expect(settings.shutdownGrace == .seconds(10))
        #expect(settings.logger.level == .info && settings.logger.format == .text)
        #expect(!settings.server.logClientAddress && !settings.demo && !settings.app.trustProxy)
        #expect(try Serve.parse([]).database.path == "./goodnews.sqlite")
    }

    @Test func theFlagWinsOverTheEnvironment() throws {
        try Self.withEnvironment(["GOODNEWS_POOL": "7", "GOODNEWS_ADDR": "0.0.0.0:9", "GOODNEWS_DB": "/tmp/env.db"]) {
            let fromEnvironment = try Self.resolve([])
            #expect(fromEnvironment.server.poolSize == 7)
            #expect(fromEnvironment.server.host == "0.0.0.0" && fromEnvironment.server.port == 9)
            #expect(try Serve.parse([]).database.path == "/tmp/env.db")
            let fromFlag = try Self.resolve(["--pool", "3", "--addr", "[::1]:80", "--db", "flag.db"])
            #expect(fromFlag.server.poolSize == 3)
            #expect(fromFlag.server.host == "::1" && fromFlag.server.port == 80)
            #expect(try Serve.parse(["--db", "flag.db"]).database.path == "flag.db")
        }
    }

    @Test func badValuesAreRefusedWithTheirName() throws {
        try Self.withEnvironment(["GOODNEWS_POOL": "many"]) {
            #expect(throws: ValidationError.self) { try Self.resolve([]) }
        }
        #expect(throws: ValidationError.self) { try Self.resolve(["--pool", "0"]) }
        #expect(throws: ValidationError.self) { try Self.resolve(["--log-level", "loud"]) }
        #expect(throws: ValidationError.self) { try Self.resolve(["--header-timeout=-1"]) }
    }

    @Test func switchesAreOnByFlagOrVariable() throws {
        #expect(try Self.resolve(["--log-client-addr"]).server.logClientAddress)
        try Self.withEnvironment(["GOODNEWS_LOG_CLIENT_ADDR": "1", "GOODNEWS_TRUST_PROXY": "yes"]) {
            let settings = try Self.resolve([])
            #expect(settings.server.logClientAddress && settings.app.trustProxy)
        }
        try Self.withEnvironment(["GOODNEWS_LOG_CLIENT_ADDR": "0"]) {
            let settings = try Self.resolve([])
            #expect(!settings.server.logClientAddress)
        }
    }

    // MARK: - Support

    static func resolve(_ arguments: [String]) throws -> ServeSettings {
        try ServeSettings(Serve.parse(arguments))
    }

    static func withEnvironment(_ values: [String: String], _ body: () throws -> Void) throws {
        for (name, value) in values { setenv(name, value, 1) }
        defer { for name in values.keys { unsetenv(name) } }
        try body()
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}
