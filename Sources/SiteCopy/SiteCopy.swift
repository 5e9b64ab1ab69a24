import Migrations
import PostgreSQL
import SQLite

/// Moves a whole site from an SQLite file to an empty PostgreSQL database, keeping every id (`goodnews copy`).
///
/// The order of work, and why:
/// 1. the SQLite file must be fully migrated (its columns are the ones `CopiedTable` names), and the
///    PostgreSQL migrations are applied (their own transactions, under the migrator's advisory lock);
/// 2. one read transaction on SQLite, so every table is read from the same snapshot even while a server
///    writes the file, and ONE PostgreSQL transaction, so the target gets all of it or nothing;
/// 3. the copied tables are locked against writers and must be empty: two sites are never mixed;
/// 4. table by table (`CopiedTable.all`), rows go in by multi-row INSERTs with bound values; the tallies
///    are made by PostgreSQL's triggers on `actions`, as for any other write;
/// 5. the identity sequences move past the highest id SQLite ever gave (`sqlite_sequence` remembers the
///    ids of deleted posts and cases, which must never be handed out again: they are in URLs and caches);
/// 6. both sides are compared (`SiteComparison`) before COMMIT: when anything differs, the transaction is
///    rolled back and `SiteCopyError.differs` carries the comparison, so a wrong copy is never left behind.
///
/// Connections are used on the caller's thread only, as their types require.
public struct SiteCopy {
    public let source: SQLite.Connection
    public let target: PostgreSQL.Connection

    /// `source` may be read-only (`SQLite.Connection(path:mode: .readOnly)`): nothing is written to it.
    public init(source: SQLite.Connection, target: PostgreSQL.Connection) {
        self.source = source
        self.target = target
    }

    /// Copies everything, calling `progress(rowsDone, rowsTotal)` after each batch of rows, and returns the
    /// comparison of both sides (which matched: the transaction is committed).
    public func run(sourceMigrations: [Migration], targetMigrations: [Migration],
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> SiteComparison {
        guard try SQLite.Migrator(connection: source).isCurrent(sourceMigrations) else {
            throw SiteCopyError.sourceNotCurrent(path: source.path)
        }
        try PostgreSQL.Migrator(connection: target).apply(targetMigrations)
        return try source.transaction(.deferred) {
            try target.transaction {
                try lockEmptyTarget()
                let total = try CopiedTable.all.reduce(0) { $0 + Int(try SiteComparison.count($1, in: source)) }
                var done = 0
                progress(0, total)
                for table in CopiedTable.all {
                    try copy(table) { rows in
                        done += rows
                        progress(done, total)
                    }
                }
                try moveSequences()
                let comparison = try SiteComparison(source: source, target: target)
                guard comparison.matches else { throw SiteCopyError.differs(comparison) }
                return comparison
            }
        }
    }

    /// Keeps other writers (a server already pointed at the target) out until COMMIT, then checks that
    /// no copied table has a row.
    private func lockEmptyTarget() throws {
        let names = CopiedTable.all.map(\.name)
        // SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT takes, and with itself.
        try target.execute("LOCK TABLE \(names.joined(separator: ", ")) IN SHARE ROW EXCLUSIVE MODE")
        var filled: [String] = []
        for name in names where try target.query("SELECT EXISTS (SELECT 1 FROM \(name))").first?.bool(0) == true {
            filled.append(name)
        }
        guard filled.isEmpty else { throw SiteCopyError.targetNotEmpty(tables: filled) }
    }

    /// Reads `table` from SQLite in key order and inserts it in batches, telling `inserted` each batch's size.
    private func copy(_ table: CopiedTable, inserted: (Int) -> Void) throws {
        let select = try source.prepare(table.selectSQL)
        defer { select.reset() }
        let width = table.columns.count
        var values: [PostgreSQL.Value] = []
        values.reserveCapacity(table.rowsPerInsert * width)
        func flush() throws {
            guard !values.isEmpty else { return }
            let rows = values.count / width
            try target.execute(table.insertSQL(rows: rows), values)
            values.removeAll(keepingCapacity: true)
            inserted(rows)
        }
        while try select.step() {
            for column in 0..<Int32(width) {
                values.append(PostgreSQL.Value(select.value(column)))
            }
            if values.count == table.rowsPerInsert * width { try flush() }
        }
        try flush()
    }

    /// Sets each identity sequence to the highest id SQLite used, so the next row gets the one after it.
    /// An empty table with no history keeps its sequence as it is (setval refuses 0: it starts at 1).
    private func moveSequences() throws {
        for table in CopiedTable.all where table.hasIdentity {
            // sqlite_sequence exists in every migrated file (posts and cases are AUTOINCREMENT); a table
            // without AUTOINCREMENT has no row there and reuses no id that max(id) does not cover.
            let highest = try source.prepare("""
                SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
                           coalesce((SELECT max(id) FROM \(table.name)), 0))
                """)
            try highest.bind(table.name, at: 1)
            guard let id = try highest.scalarInt64(), id > 0 else { continue }
            try target.execute("SELECT setval(pg_get_serial_sequence($1, 'id'), $2)",
                               [.text(table.name), .integer(id)])
        }
    }
}

extension PostgreSQL.Value {
    /// The same value in PostgreSQL's terms; the target column's type decides how it is sent.
    init(_ value: SQLite.Value) {
        switch value {
        case .null: self = .null
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .blob(bytes)
        }
    }
}
