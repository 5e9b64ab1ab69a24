import Crypto
import Threads

/// Recording actions: who may record what, idempotency, and the durable write.
///
/// Durability: `Storage.write` returns only after the batch holding this action has committed on the
/// writer connection with `synchronous=FULL`, so an answer built from its result is never lost to a
/// crash or power cut. The tallies change in the same transaction (triggers), and so does the
/// idempotency row: a replay can never count twice, even when two requests with one key arrive together
/// (the writer runs jobs one after another, and the second sees the first's row).
public final class ActionService: Sendable {
    /// The outcome of recording: the recorded action and tally as JSON (byte for byte the first answer, for
    /// a replay). Always a creation; the route says so with its status.
    public struct Receipt: Sendable {
        public let body: [UInt8]
        /// True when the answer was remembered under the Idempotency-Key and nothing was counted.
        public let replayed: Bool
    }

    let storage: any Storage
    let clock: WallClock
    private let nextPrune = Locked<Int64>(0)
    static let pruneInterval: Int64 = 600
    /// How long an `Idempotency-Key` is remembered.
    static let keyLifetime: Int64 = 86_400

    /// Commits that counted something reach the cache and the live stream through `Storage.onCommit`.
    public init(storage: any Storage, clock: WallClock = .system) {
        self.storage = storage
        self.clock = clock
    }

    /// Records `input` for the case `reference`. A public caller (`asAdmin` false) may send a count of 1
    /// on an active case only; an admin may send up to 10,000,000 on any case.
    public func record(_ input: ActionInput, for reference: ContentRef, asAdmin: Bool,
                       idempotencyKey: String?) throws -> Receipt {
        if !asAdmin && input.count != 1 {
            throw ServiceError.unauthorized("a count above 1 needs an admin token: Authorization: Bearer <token>")
        }
        let now = clock.seconds
        let receipt = try storage.write { tx in
            try ActionService.run(input, reference, asAdmin, idempotencyKey, now, tx)
        }
        if !receipt.replayed { pruneIfDue(now: now) }
        return receipt
    }

    /// The writer-thread part: one savepoint of the batch's transaction.
    private static func run(_ input: ActionInput, _ reference: ContentRef, _ asAdmin: Bool,
                            _ key: String?, _ now: Int64, _ tx: any StorageTransaction) throws -> Receipt {
        let actions = tx.actions
        guard let target = try actions.target(reference) else {
            throw ServiceError.notFound("no case \(reference)")
        }
        let fingerprint = key.map { _ in ActionService.fingerprint(input, caseID: target.id, asAdmin: asAdmin) }
        if let key, let fingerprint, let earlier = try actions.remembered(key, since: now - keyLifetime) {
            guard earlier.fingerprint == fingerprint else {
                throw ServiceError.invalid("Idempotency-Key",
                                           "was already used within 24 hours for a different request")
            }
            return Receipt(body: earlier.body, replayed: true)
        }
        if !asAdmin && !target.isActive {
            throw ServiceError.conflict("case \(target.slug) is \(target.status?.rawValue ?? "not active"): "
                                            + "it takes no more public actions")
        }
        let id = try actions.insert(input, caseID: target.id, at: now)
        let recorded = RecordedAction(id: id, caseSlug: target.slug, input: input, createdAt: now,
                                      tally: try actions.tally(caseID: target.id))
        // A replay answers byte for byte the first answer, so the body is rendered here and remembered.
        let body = recorded.json
        if let key, let fingerprint {
            try actions.remember(key, RememberedAnswer(fingerprint: fingerprint, status: 201, body: body), now: now)
        }
        return Receipt(body: body, replayed: false)
    }

    /// What makes two requests "the same" for a key: the case (by id, however it was named), the
    /// canonical body, and whether a token was given. Lower-case hex SHA-256.
    static func fingerprint(_ input: ActionInput, caseID: Int64, asAdmin: Bool) -> String {
        var bytes = Array("case=\(caseID);admin=\(asAdmin ? 1 : 0);".utf8)
        bytes += input.canonicalBytes
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        let digits = Array("0123456789abcdef".utf8)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Deletes expired idempotency keys now and then (every `pruneInterval` seconds, sooner while a
    /// backlog remains). Failures are left for the next round: pruning is housekeeping.
    private func pruneIfDue(now: Int64) {
        let due = nextPrune.withLock { next in
            guard now >= next else { return false }
            next = now + ActionService.pruneInterval
            return true
        }
        guard due else { return }
        let limit = 5_000
        if let deleted = try? storage.write({ try $0.actions.forget(before: now - ActionService.keyLifetime, limit: limit) }),
           deleted == limit {
            nextPrune.withLock { $0 = now }
        }
    }
}
