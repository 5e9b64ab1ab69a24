import SQLite

/// Cases: the rules (`CaseService+Validation`) and the operations the routes run, each a read on a
/// reader connection or one write through the writer (group-committed, in its own savepoint).
public struct CaseService: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates a case; returns where it lives and its JSON.
    public func create(_ input: CaseInput, now: Timestamp = .now()) throws -> (StoredContent, [UInt8]) {
        try database.write { connection in
            let stored = try CaseStore.insert(input, on: connection, now: now)
            return (stored, try CaseService.render(.id(stored.id), on: connection))
        }
    }

    /// Applies a PATCH; returns the case's JSON as it now is.
    public func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp = .now()) throws -> [UInt8] {
        try database.write { connection in
            let stored = try CaseStore.update(ref, with: patch, on: connection, now: now)
            return try CaseService.render(.id(stored.id), on: connection)
        }
    }

    public func delete(_ ref: ContentRef) throws {
        try database.write { try CaseStore.delete(ref, on: $0) }
    }

    public func item(_ ref: ContentRef) throws -> [UInt8] {
        let body = try database.read { try CaseStore.item(ref, on: $0) }
        guard let body else { throw ServiceError.notFound("no case \"\(ref)\"") }
        return body
    }

    public func page(_ query: CaseListQuery) throws -> ListPage {
        try database.read { try CaseStore.page(query, on: $0) }
    }

    private static func render(_ ref: ContentRef, on connection: Connection) throws -> [UInt8] {
        guard let body = try CaseStore.item(ref, on: connection) else {
            throw ServiceError.notFound("no case \"\(ref)\"")
        }
        return body
    }
}
