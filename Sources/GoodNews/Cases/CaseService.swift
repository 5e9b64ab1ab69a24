/// Cases: the rules (`CaseService+Validation`) and the operations the routes run, each a read or one
/// write (one savepoint of the storage's group commit).
public struct CaseService: Sendable {
    public let storage: any Storage

    public init(storage: any Storage) {
        self.storage = storage
    }

    /// Creates a case; returns it as stored.
    public func create(_ input: CaseInput, now: Timestamp = .now()) throws -> Case {
        try storage.write { tx in
            let stored = try tx.cases.insert(input, now: now, createdAt: nil, updatedAt: nil)
            return try CaseService.stored(.id(stored.id), tx)
        }
    }

    /// Applies a PATCH; returns the case as it now is.
    public func update(_ ref: ContentRef, with patch: CasePatch, now: Timestamp = .now()) throws -> Case {
        try storage.write { tx in
            let stored = try tx.cases.update(ref, with: patch, now: now)
            return try CaseService.stored(.id(stored.id), tx)
        }
    }

    public func delete(_ ref: ContentRef) throws {
        try storage.write { try $0.cases.delete(ref) }
    }

    public func item(_ ref: ContentRef) throws -> Case {
        let found = try storage.read { try $0.cases.case(ref) }
        guard let found else { throw ServiceError.notFound("no case \"\(ref)\"") }
        return found
    }

    public func page(_ query: CaseListQuery) throws -> ListPage<Case> {
        try storage.read { try $0.cases.page(query) }
    }

    private static func stored(_ ref: ContentRef, _ tx: any StorageTransaction) throws -> Case {
        guard let found = try tx.cases.case(ref) else { throw ServiceError.notFound("no case \"\(ref)\"") }
        return found
    }
}
