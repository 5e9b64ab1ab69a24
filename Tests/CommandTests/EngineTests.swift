import ArgumentParser
import Testing
@testable import goodnews

/// `--db` names the engine; a command that cannot work on one says what to use instead and exits 2.
struct EngineTests {
    @Test func aURLIsPostgreSQLAndAnythingElseAFile() {
        for url in ["postgresql://u@h/db", "postgres://h/db?sslmode=require", "postgresql://"] {
            guard case .postgresql(url) = Engine(url) else {
                Issue.record("\(url) should be PostgreSQL")
                continue
            }
        }
        for path in ["goodnews.sqlite", "/data/postgresql.sqlite", "postgresql:/x", "./postgres"] {
            guard case .sqlite(path) = Engine(path) else {
                Issue.record("\(path) should be an SQLite file")
                continue
            }
        }
    }

    @Test func backupOnPostgreSQLPointsToPgDumpAndExitsTwo() throws {
        let backup = try Backup.parse(["--db", "postgresql://nowhere.invalid/db", "copy.dump"])
        #expect(throws: ExitCode(2)) { try backup.run() }
    }
}
