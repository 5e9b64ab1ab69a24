import ArgumentParser
import GoodNews
import Migrations
import PostgreSQL
import SiteCopy
import SQLite

/// `goodnews copy --from FILE --to URL`: the thin command around `SiteCopy`, which holds the SQL.
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy an SQLite site into an empty PostgreSQL database, in one transaction, and compare both.",
        discussion: """
        Copies posts, cases, their tags and links, actions (PostgreSQL's triggers make the tallies), \
        idempotency keys and API tokens (their hashes), keeping every id. The target is migrated first and \
        must be empty. Both sides are then counted and the counts printed; when anything differs nothing is \
        kept and the exit status is 1. A non-empty target exits with status 2.
        """)

    @Option(name: .customLong("from"), help: "The SQLite file to copy (default: --db, GOODNEWS_DB, ./goodnews.sqlite).")
    var from: String?

    @Option(name: .customLong("to"), help: "The empty PostgreSQL database: a postgresql:// or postgres:// URL.")
    var to: String

    @Option(name: Setting.assets.name, help: Setting.assets.help)
    var assets: String?

    func validate() throws {
        guard PostgreSQL.Connection.isURL(to) else {
            throw ValidationError("--to must be a postgresql:// or postgres:// URL")
        }
        if let from, PostgreSQL.Connection.isURL(from) {
            throw ValidationError("--from must be an SQLite file, not a URL")
        }
    }

    func run() throws {
        let path = Setting.db.string(from) ?? ""
        guard case .sqlite = Engine(path) else {
            throw unsupportedOnEngine("copy reads an SQLite file: give it with --from FILE (GOODNEWS_DB is a URL)")
        }
        let located = try Assets.locate(explicit: Setting.assets.string(assets))
        let sourceMigrations = try Migration.load(directory: Engine.sqlite(path: path).migrationsDirectory(located))
        let targetMigrations = try Migration.load(directory: Engine.postgresql(url: to).migrationsDirectory(located))
        let source = try SQLite.Connection(path: path, mode: .readOnly)
        defer { source.close() }
        let target = try PostgreSQL.Connection(url: to)
        defer { target.close() }

        let progress = ProgressReporter.standardError(label: "copy")
        let comparison: SiteComparison
        do {
            comparison = try SiteCopy(source: source, target: target).run(
                sourceMigrations: sourceMigrations, targetMigrations: targetMigrations
            ) { done, total in
                progress.update(done: done, total: total)
            }
            progress.finish()
        } catch SiteCopyError.targetNotEmpty(let tables) {
            progress.abandon()
            throw refusal(SiteCopyError.targetNotEmpty(tables: tables).description)
        } catch SiteCopyError.differs(let comparison) {
            progress.abandon()
            print(comparison.description)
            print("the copy differs from \(path): it was rolled back, nothing was written")
            throw ExitCode.failure
        } catch {
            progress.abandon()
            throw error
        }
        print(comparison.description)
        print("copied \(path) to PostgreSQL: every count matches")
    }
}
