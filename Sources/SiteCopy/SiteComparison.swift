import PostgreSQL
import SQLite

/// Both sides of a copy, counted: every copied table's rows, the actions' total against PostgreSQL's
/// tallies (which its triggers made from the copied actions), and each case's tally against its actions.
/// `description` is the short table `goodnews copy` prints.
public struct SiteComparison: Sendable, CustomStringConvertible {
    /// One line of the table: what was counted, on SQLite and on PostgreSQL.
    public struct Line: Sendable, Equatable {
        public let name: String
        public let source: Int64
        public let target: Int64
        public var matches: Bool { source == target }
    }

    /// A case whose PostgreSQL tally is not the sum of its actions on SQLite.
    public struct CaseTally: Sendable, Equatable {
        public let caseID: Int64
        public let source: Int64
        public let target: Int64
    }

    public let lines: [Line]
    /// Every case whose tally differs (none when the copy is right).
    public let differingCases: [CaseTally]

    public var matches: Bool { differingCases.isEmpty && lines.allSatisfy(\.matches) }

    /// Counts both sides as they are now (inside the copy's transactions: what COMMIT would keep).
    init(source: SQLite.Connection, target: PostgreSQL.Connection) throws {
        var lines: [Line] = []
        for table in CopiedTable.all {
            let count = try target.query("SELECT count(*) FROM \(table.name)").scalarInt64() ?? -1
            lines.append(Line(name: table.name, source: try SiteComparison.count(table, in: source), target: count))
        }
        // The one total, three ways: SQLite's actions, PostgreSQL's actions and PostgreSQL's tallies.
        let actionTotal = try source.prepare("SELECT coalesce(sum(count), 0) FROM actions").scalarInt64() ?? -1
        lines.append(Line(
            name: "sum of actions.count", source: actionTotal,
            target: try target.query("SELECT coalesce(sum(count), 0)::bigint FROM actions").scalarInt64() ?? -1))
        lines.append(Line(
            name: "sum of case_tallies.total", source: actionTotal,
            target: try target.query("SELECT coalesce(sum(total), 0)::bigint FROM case_tallies").scalarInt64() ?? -1))

        let expected = try source.prepare("""
            SELECT c.id, coalesce(sum(a.count), 0) FROM cases c LEFT JOIN actions a ON a.case_id = c.id GROUP BY c.id
            """).rows { ($0.int64(0), $0.int64(1)) }
        var tallies: [Int64: Int64] = [:]
        for row in try target.query("SELECT case_id, total FROM case_tallies").rows {
            tallies[row.int64(0)] = row.int64(1)
        }
        var differing: [CaseTally] = []
        for (caseID, total) in expected where tallies[caseID] != total {
            differing.append(CaseTally(caseID: caseID, source: total, target: tallies[caseID] ?? -1))
        }
        // A tally for a case SQLite does not have cannot be right either.
        let known = Set(expected.map(\.0))
        for (caseID, total) in tallies.sorted(by: { $0.key < $1.key }) where !known.contains(caseID) {
            differing.append(CaseTally(caseID: caseID, source: -1, target: total))
        }
        lines.append(Line(name: "cases whose tally is right", source: Int64(expected.count),
                          target: Int64(expected.count - differing.count)))
        self.lines = lines
        differingCases = differing
    }

    static func count(_ table: CopiedTable, in source: SQLite.Connection) throws -> Int64 {
        try source.prepare("SELECT count(*) FROM \(table.name)").scalarInt64() ?? -1
    }

    /// ```
    /// table                          SQLite  PostgreSQL
    /// posts                              15          15
    /// sum of case_tallies.total        4000        4000
    /// ```
    /// with `DIFFERS` after each line that does not match, then the first cases whose tally differs.
    public var description: String {
        let nameWidth = max(5, lines.map(\.name.count).max() ?? 0)
        let numberWidth = max(10, lines.map { max(String($0.source).count, String($0.target).count) }.max() ?? 0)
        func padded(_ text: String, _ width: Int, left: Bool) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        func row(_ name: String, _ source: String, _ target: String, _ note: String) -> String {
            padded(name, nameWidth, left: true) + "  " + padded(source, numberWidth, left: false) + "  "
                + padded(target, numberWidth, left: false) + note
        }
        var text = [row("table", "SQLite", "PostgreSQL", "")]
        for line in lines {
            text.append(row(line.name, String(line.source), String(line.target), line.matches ? "" : "  DIFFERS"))
        }
        for tally in differingCases.prefix(10) {
            text.append("case \(tally.caseID): actions on SQLite sum to \(tally.source), its PostgreSQL tally is \(tally.target)")
        }
        if differingCases.count > 10 { text.append("… and \(differingCases.count - 10) more cases") }
        return text.joined(separator: "\n")
    }
}
