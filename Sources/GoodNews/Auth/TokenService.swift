import Crypto

/// Admin API tokens. A token is shown once at creation; only its SHA-256 is stored, so a copy of the
/// database does not leak working tokens.
public struct TokenService: Sendable {
    public struct Info: Sendable, CustomStringConvertible {
        public let name: String
        public let createdAt: Timestamp
        public let lastUsedAt: Timestamp?
        public let revokedAt: Timestamp?

        public init(name: String, createdAt: Timestamp, lastUsedAt: Timestamp?, revokedAt: Timestamp?) {
            self.name = name; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt; self.revokedAt = revokedAt
        }

        public var description: String {
            "\(name)\tcreated \(createdAt.rfc3339)\tlast used \(lastUsedAt?.rfc3339 ?? "never")"
                + (revokedAt.map { "\trevoked \($0.rfc3339)" } ?? "")
        }
    }

    let storage: any Storage
    let clock: WallClock

    public init(storage: any Storage, clock: WallClock = .system) {
        self.storage = storage
        self.clock = clock
    }

    /// Creates a token called `name` and returns it; it cannot be shown again.
    public func create(name: String) throws -> String {
        guard (1...100).contains(FieldRules.length(name)), FieldRules.controlIssue(name, .short) == nil else {
            throw ServiceError.invalid("name", "must be 1 to 100 characters without control characters")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "gn_" + TokenService.base64url(secret)
        let hash = TokenService.hash(token)
        let now = clock.seconds
        try storage.write { try $0.tokens.insert(name: name, hash: hash, now: now) }
        return token
    }

    public func list() throws -> [Info] {
        try storage.read { try $0.tokens.list() }
    }

    public func revoke(name: String) throws {
        let now = clock.seconds
        let revoked = try storage.write { try $0.tokens.revoke(name: name, now: now) }
        if !revoked { throw ServiceError.notFound("no live token called \"\(name)\"") }
    }

    /// The name of the live token matching `token`, or nil. Every live hash is compared in constant time,
    /// so the answer's timing says nothing about how close a guess was. `last_used_at` is refreshed at most
    /// hourly, so authenticated reads do not each cost a durable write.
    public func authenticate(_ token: String) throws -> String? {
        let presented = Array(TokenService.hash(token).utf8)
        let live = try storage.read { try $0.tokens.live() }
        var match: LiveToken?
        for token in live where TokenService.constantTimeEquals(Array(token.hash.utf8), presented) {
            match = token
        }
        guard let match else { return nil }
        let now = clock.seconds
        if now - match.lastUsedAt >= 3600 {
            try storage.write { try $0.tokens.touch(id: match.id, now: now) }
        }
        return match.name
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(n >> UInt32(shift) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            if rest == 2 { out.append(alphabet[Int(n >> 6 & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
