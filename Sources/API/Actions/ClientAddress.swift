import GoodNews
import Glibc
import HTTP

/// Which client a public action counts against, for the rate limit.
enum ClientAddress {
    /// The socket's peer, or, when `trustProxy` is set, the **rightmost** `X-Forwarded-For` entry: the
    /// address our own proxy saw and appended. Entries to its left were sent by the client and could be
    /// anything, so they are ignored. IPv6 clients are keyed by their /64 network, which one host
    /// usually owns whole (otherwise each of its addresses would get a fresh bucket).
    static func key(for request: Request, trustProxy: Bool) -> String {
        var address = request.remoteAddress
        if trustProxy, let forwarded = request.headers.values("X-Forwarded-For").last,
           let last = forwarded.split(separator: ",").last {
            let candidate = String(last.trimmingSpacesAndTabs)
            if parse(candidate) != nil { address = candidate }
        }
        return parse(address) ?? address
    }

    /// A canonical key for a numeric address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 as its
    /// /64 prefix; nil when the text is not a numeric address.
    static func parse(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return text }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12..<16].map { String($0) }.joined(separator: ".")
        }
        var key = ""
        for pair in stride(from: 0, to: 8, by: 2) {
            key += String(UInt16(bytes[pair]) << 8 | UInt16(bytes[pair + 1]), radix: 16) + ":"
        }
        return key + ":/64"
    }
}
