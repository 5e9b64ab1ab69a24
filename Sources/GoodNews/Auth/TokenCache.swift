import Crypto
import Threads

/// Tokens found valid within the last `maxAge` seconds, by SHA-256, so a busy admin client costs no database
/// read per request and the action route can tell a known admin from anyone else on the event loop.
///
/// Only valid tokens are remembered (an unknown one is checked against the database, after the action
/// route's rate limit), so the table holds at most the live tokens operators created, and is capped at
/// `maxEntries` (cleared when full). A token revoked by another process (`goodnews token revoke`) stops
/// working within `maxAge`; a token created there works at once (unknown tokens are always checked).
public final class TokenCache: Sendable {
    private struct Entry {
        let name: String
        let checkedAt: Double
    }

    static let maxEntries = 1_000

    private let tokens: TokenService
    private let maxAge: Double
    private let clock: @Sendable () -> Double
    private let entries = Locked<[[UInt8]: Entry]>([:])

    public init(tokens: TokenService, maxAge: Double = 1, clock: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.tokens = tokens
        self.maxAge = maxAge
        self.clock = clock
    }

    /// The token's name if it was found valid within the last `maxAge` seconds; nil when it must be checked.
    /// Memory only: safe on the event loop.
    public func knownName(_ token: String) -> String? {
        let key = TokenCache.key(token)
        let now = clock()
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now - entry.checkedAt < maxAge else {
                entries[key] = nil
                return nil
            }
            return entry.name
        }
    }

    /// The token's name, from memory when recently checked, else from the database (remembered when valid);
    /// nil for a token that is not valid.
    public func authenticate(_ token: String) throws -> String? {
        if let name = knownName(token) { return name }
        guard let name = try tokens.authenticate(token) else { return nil }
        let key = TokenCache.key(token), now = clock()
        entries.withLock { entries in
            if entries.count >= TokenCache.maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(name: name, checkedAt: now)
        }
        return name
    }

    /// Forgets every token, so each is checked against the database again (call when tokens changed).
    func invalidate() {
        entries.withLock { $0.removeAll() }
    }

    private static func key(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }
}
