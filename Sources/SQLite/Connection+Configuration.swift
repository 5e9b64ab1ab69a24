/// PRAGMA synchronous: how hard SQLite flushes to storage on commit.
public enum Synchronous: Int, Sendable, CustomStringConvertible {
    case off = 0, normal = 1, full = 2, extra = 3

    public var description: String {
        switch self {
        case .off: "OFF"
        case .normal: "NORMAL"
        case .full: "FULL"
        case .extra: "EXTRA"
        }
    }
}

/// PRAGMA journal_mode.
public enum JournalMode: String, Sendable {
    case delete, truncate, persist, memory, wal, off
}

extension Connection {
    /// Applies the connection settings and returns the summary to log, read back from SQLite:
    /// `journal_mode=wal synchronous=FULL foreign_keys=ON busy_timeout=5000`.
    ///
    /// The writer uses `synchronous = .full` because an answered write must survive power loss.
    /// sqlite.org (pragma.html#pragma_synchronous): "With synchronous=FULL in WAL mode, an
    /// additional sync operation of the WAL file happens after each transaction commit. The
    /// extra WAL sync following each transaction helps ensure that transactions are durable
    /// across a power loss", whereas "A transaction committed in WAL mode with
    /// synchronous=NORMAL might roll back following a power loss or system crash."
    /// Pass `journalMode: nil` to leave it (readers: the mode is stored in the file), and
    /// `queryOnly: true` to refuse writes ("prevents data changes on database files").
    @discardableResult
    public func configure(
        journalMode: JournalMode? = .wal,
        synchronous: Synchronous = .full,
        foreignKeys: Bool = true,
        busyTimeout: Duration = .seconds(5),
        queryOnly: Bool = false
    ) throws -> String {
        try setBusyTimeout(busyTimeout)
        if let journalMode {
            // Returns the mode in force, which may differ (":memory:" stays "memory").
            _ = try pragma("journal_mode", set: journalMode.rawValue)
        }
        try execute("PRAGMA synchronous = \(synchronous.rawValue)")
        try execute("PRAGMA foreign_keys = \(foreignKeys ? "ON" : "OFF")")
        try execute("PRAGMA query_only = \(queryOnly ? "ON" : "OFF")")
        return try configurationSummary()
    }

    /// The settings in force, as one log-able line.
    public func configurationSummary() throws -> String {
        let synchronous = try Synchronous(rawValue: Int(pragmaInt64("synchronous"))).map { "\($0)" } ?? "?"
        var summary = "journal_mode=\(try journalMode()) synchronous=\(synchronous)"
        summary += " foreign_keys=\(try pragmaInt64("foreign_keys") != 0 ? "ON" : "OFF")"
        summary += " busy_timeout=\(try pragmaInt64("busy_timeout"))"
        if try pragmaInt64("query_only") != 0 { summary += " query_only=ON" }
        return summary
    }

    /// The journal mode in force ("wal", "delete", "memory"…).
    public func journalMode() throws -> String {
        try pragma("journal_mode").map { Connection.text($0) } ?? ""
    }

    /// Reads `PRAGMA name`: the first column of its first row, nil when it returns no row.
    public func pragma(_ name: String) throws -> Value? {
        try prepare("PRAGMA \(name)").scalarValue()
    }

    /// Runs `PRAGMA name = value` and returns what it answers, if anything.
    @discardableResult
    public func pragma(_ name: String, set value: String) throws -> Value? {
        try prepare("PRAGMA \(name) = \(value)").scalarValue()
    }

    /// Reads an integer PRAGMA (0 when it returns nothing).
    public func pragmaInt64(_ name: String) throws -> Int64 {
        try prepare("PRAGMA \(name)").scalarInt64() ?? 0
    }

    /// PRAGMA data_version: a number that changes when another connection commits (never for this
    /// connection's own commits); see `Writer+ExternalChanges.swift`.
    public func dataVersion() throws -> Int64 {
        try cachedStatement("PRAGMA data_version").scalarInt64() ?? 0
    }

    /// PRAGMA user_version, an integer the application may use freely.
    public func userVersion() throws -> Int64 { try pragmaInt64("user_version") }

    /// Runs `PRAGMA integrity_check`; ["ok"] when the file is sound.
    public func integrityCheck() throws -> [String] {
        try prepare("PRAGMA integrity_check").rows { $0.string(0) }
    }

    /// Copies the WAL back into the database file and truncates it (`wal_checkpoint(TRUNCATE)`).
    public func checkpoint() throws {
        try execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .integer(let integer): String(integer)
        case .real(let real): String(real)
        case .text(let text): text
        case .blob(let blob): String(decoding: blob, as: UTF8.self)
        }
    }
}
