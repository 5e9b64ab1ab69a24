import Glibc
@testable import HTTP
import Testing

/// The per-client connection table and what it counts as one client.
@Suite struct ClientConnectionsTests {
    static func key(ipv4 text: String) -> ClientConnections.Key {
        var storage = sockaddr_storage()
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                v4.pointee.sin_family = sa_family_t(AF_INET)
                inet_pton(AF_INET, text, &v4.pointee.sin_addr)
            }
        }
        return withUnsafePointer(to: &storage) { ClientConnections.Key($0) }
    }

    static func key(ipv6 text: String) -> ClientConnections.Key {
        var storage = sockaddr_storage()
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                v6.pointee.sin6_family = sa_family_t(AF_INET6)
                inet_pton(AF_INET6, text, &v6.pointee.sin6_addr)
            }
        }
        return withUnsafePointer(to: &storage) { ClientConnections.Key($0) }
    }

    @Test func anIPv4AddressIsOneClientOnEitherSocketFamily() {
        #expect(Self.key(ipv4: "192.0.2.7") == Self.key(ipv6: "::ffff:192.0.2.7"))
        #expect(Self.key(ipv4: "192.0.2.7") != Self.key(ipv4: "192.0.2.8"))
        #expect(Self.key(ipv4: "127.0.0.1") != Self.key(ipv6: "::1"))
    }

    @Test func anIPv6ClientIsItsSlash64() {
        #expect(Self.key(ipv6: "2001:db8:1:2::1") == Self.key(ipv6: "2001:db8:1:2:ffff:ffff:ffff:ffff"))
        #expect(Self.key(ipv6: "2001:db8:1:2::1") != Self.key(ipv6: "2001:db8:1:3::1"))
        #expect(Self.key(ipv6: "2001:db8:1:2::1") != Self.key(ipv4: "32.1.13.184"))
    }

    @Test func admitsUpToTheLimitAndForgetsAClientWithNoConnections() {
        var table = ClientConnections()
        let a = Self.key(ipv4: "192.0.2.1"), b = Self.key(ipv4: "192.0.2.2")
        let first = [table.admit(a, limit: 2), table.admit(a, limit: 2), table.admit(a, limit: 2), table.admit(b, limit: 2)]
        #expect(first == [true, true, false, true])
        #expect(table.openConnections(of: a) == 2)
        table.release(a)
        let afterRelease = table.admit(a, limit: 2)
        #expect(afterRelease)
        table.release(a)
        table.release(a)
        table.release(b)
        #expect(table.clientCount == 0)
        // A stray release never drives a count below zero (it would admit one more later).
        table.release(a)
        let last = [table.admit(a, limit: 1), table.admit(a, limit: 1)]
        #expect(last == [true, false])
    }

    @Test func shardsSpreadClientsOverTheLoops() {
        var seen = Set<Int>()
        for last in 0..<64 { seen.insert(Self.key(ipv4: "10.0.0.\(last)").shard(of: 4)) }
        #expect(seen == [0, 1, 2, 3])
        #expect(Self.key(ipv4: "10.0.0.1").shard(of: 1) == 0)
    }
}
