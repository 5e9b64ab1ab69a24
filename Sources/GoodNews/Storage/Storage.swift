/// Where the domain keeps its data, behind protocols, so that a second engine (PostgreSQL) is a new
/// implementation of these and not a change to services or routes. The SQLite one is `SQLiteStorage`
/// (module `SQLiteStore`).
///
/// Every call runs its body in one unit of work and hands it a `StorageTransaction`, whose stores
/// (`tx.posts`, `tx.cases`, …) run on that unit's connection:
/// - `read`: one reader, statements may see different commits; `snapshot`: one read transaction.
/// - `write`: one savepoint inside the writer's group commit; returns once the batch has committed
///   durably. A store's domain error (`ServiceError`) is thrown before anything is written.
/// - `batch`: one transaction of its own (the importer: all of a file or nothing).
///
/// Failures an engine cannot help (busy, locked, I/O, disk full, read-only) come out as
/// `ServiceError.unavailable`, so every route answers them 503 + `Retry-After` alike.
public protocol Storage: Sendable {
    func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T
    func snapshot<T>(_ body: (any StorageTransaction) throws -> T) throws -> T
    func write<T: Sendable>(_ body: @Sendable (any StorageTransaction) throws -> T) throws -> T
    func batch<T>(_ body: (any StorageTransaction) throws -> T) throws -> T

    /// The one observer of commits: called after every commit that changed something, this process's
    /// (with what its stores changed) or another process's (`.all`: it cannot tell). Nil removes it.
    func onCommit(_ observer: (@Sendable (StorageChanges) -> Void)?)

    /// Whether the schema is the one this build expects (`/readyz`); throws when storage is unreachable.
    func isSchemaCurrent() throws -> Bool

    /// Write transactions and jobs so far, for `/metrics` (jobs per transaction shows group commit).
    var writerStatistics: WriterStatistics { get }
}

/// What a commit changed, for the answer cache and the live tally stream.
public struct StorageChanges: Sendable, Hashable {
    /// Whose tallies changed.
    public enum Tallies: Sendable, Hashable {
        case none
        /// These cases' (an action names its case, so a commit knows exactly which).
        case cases(Set<Int64>)
        /// Any case's: another process committed, and what it changed cannot be told.
        case all
    }

    /// Posts or cases.
    public var content: Bool
    public private(set) var tallies: Tallies

    public init(content: Bool = false, tallies: Tallies = .none) {
        self.content = content
        self.tallies = tallies
    }

    public static let none = StorageChanges()
    public static let all = StorageChanges(content: true, tallies: .all)

    public var isEmpty: Bool { !content && tallies == .none }

    /// Adds what `other` changed (several commits announced as one).
    public mutating func formUnion(_ other: StorageChanges) {
        content = content || other.content
        switch (tallies, other.tallies) {
        case (_, .none): break
        case (.all, _), (_, .all): tallies = .all
        case (.none, let theirs): tallies = theirs
        case (.cases(var mine), .cases(let theirs)):
            tallies = .none
            mine.formUnion(theirs)
            tallies = .cases(mine)
        }
    }

    /// Notes an action on `caseID`.
    public mutating func tallyChanged(caseID: Int64) {
        switch tallies {
        case .none: tallies = .cases([caseID])
        case .cases(var ids):
            tallies = .none
            ids.insert(caseID)
            tallies = .cases(ids)
        case .all: break
        }
    }
}

public struct WriterStatistics: Sendable, Equatable {
    public var transactions: Int
    public var jobs: Int
    public init(transactions: Int, jobs: Int) { self.transactions = transactions; self.jobs = jobs }
}

/// The stores of one unit of work. Writes through a read's stores fail (readers are read-only).
public protocol StorageTransaction {
    var posts: any PostStore { get }
    var cases: any CaseStore { get }
    var actions: any ActionStore { get }
    var tallies: any TallyStore { get }
    var search: any SearchStore { get }
    var tokens: any TokenStore { get }
}

/// A storage error that is neither the caller's fault in domain terms nor a passing failure: a database
/// constraint refused a row (the importer names the item).
public enum StorageError: Error, Sendable, Equatable {
    case refused(String)
}
