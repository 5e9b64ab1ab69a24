import Glibc

/// Open connections per client, for `ServerConfiguration.maxConnectionsPerAddress`.
///
/// Each client's count lives on one loop, the owner of its shard (`Key.shard`): every admission and every
/// release of that client happens on that loop's thread, so the count is exact without a lock however many
/// loops accept at once. It is touched once per accept and once per close, never per request. A client is
/// forgotten when its last connection closes, so the table holds at most one entry per open connection.
struct ClientConnections {
    /// What the cap counts as one client, as 128 bits in IPv6 form: an IPv4 address (whether it arrived on
    /// an IPv4 socket or IPv4-mapped, `::ffff:a.b.c.d`, on a dual-stack one), or an IPv6 /64. One host is
    /// usually given a whole /64 and can pick any address in it, so a per-address cap would not hold it; the
    /// /64 is what one IPv4 address behind NAT is: everyone on that network.
    struct Key: Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        init(high: UInt64, low: UInt64) {
            // IPv4-mapped: ::ffff:0:0/96, kept whole; any other IPv6 address: its /64.
            let mapped = high == 0 && low >> 32 == 0xFFFF
            self.high = high
            self.low = mapped ? low : 0
        }

        init(ipv4 address: UInt32) {
            self.init(high: 0, low: 0xFFFF_0000_0000 | UInt64(address))
        }

        /// The key of a peer address from `accept4` (IPv4 or IPv6; anything else shares one key).
        init(_ address: UnsafePointer<sockaddr_storage>) {
            switch Int32(address.pointee.ss_family) {
            case AF_INET:
                let v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                self.init(ipv4: UInt32(bigEndian: v4))
            case AF_INET6:
                var v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                let (high, low) = withUnsafeBytes(of: &v6) { raw in
                    (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                     UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
                }
                self.init(high: high, low: low)
            default:
                self.init(high: 0, low: 0)
            }
        }

        /// Which of `count` loops keeps this client's count (a multiplicative hash, so neighbours spread).
        func shard(of count: Int) -> Int {
            guard count > 1 else { return 0 }
            let mixed = (high ^ low) &* 0x9E37_79B9_7F4A_7C15
            return Int((mixed >> 32) % UInt64(count))
        }
    }

    private var counts: [Key: Int] = [:]

    /// Counts one more connection of `key` unless it already has `limit`; false means refuse it.
    mutating func admit(_ key: Key, limit: Int) -> Bool {
        let open = counts[key, default: 0]
        guard open < limit else { return false }
        counts[key] = open + 1
        return true
    }

    /// One connection of `key` closed.
    mutating func release(_ key: Key) {
        guard let open = counts[key] else { return }
        counts[key] = open > 1 ? open - 1 : nil
    }

    func openConnections(of key: Key) -> Int { counts[key, default: 0] }

    /// Clients with at least one open connection.
    var clientCount: Int { counts.count }
}

/// A connection's client key and the loop that counts it, carried so any loop (or a thread discarding
/// a message) can hand the release back to the owner.
struct AdmittedClient: Sendable {
    let key: ClientConnections.Key
    let owner: EventLoop
}
