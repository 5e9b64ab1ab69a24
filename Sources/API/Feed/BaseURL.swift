import GoodNews
import HTTP

/// The absolute URL prefix (`https://news.example.org`) for links in documents that need absolute ones (the
/// Atom feed).
///
/// With `GOODNEWS_PUBLIC_URL` set, always that: the request's headers are ignored (the setting to use in
/// production). Otherwise from the request: `Host`, scheme `http` — or, only when `trustProxy` is on (a proxy
/// we run sets them), the **rightmost** `X-Forwarded-Host` and `X-Forwarded-Proto` entries, the ones our own
/// proxy appended (entries to their left were sent by the client), as `ClientAddress` does for
/// `X-Forwarded-For`. A host that is not `name[:port]`, `IPv4[:port]` or `[IPv6][:port]` of at most 255
/// bytes becomes `localhost`, so a forged header can never inject markup or a path, and the feed's cache
/// key (one entry per base URL) is bounded in size; the entries count against the cache's byte budget.
enum BaseURL {
    static func of(_ request: Request, trustProxy: Bool, publicURL: String?) -> String {
        if let publicURL { return publicURL }
        var scheme = "http"
        var host = request.headers["Host"]
        if trustProxy {
            if let proto = rightmost(request, "X-Forwarded-Proto") { scheme = proto.lowercased() == "https" ? "https" : "http" }
            if let forwarded = rightmost(request, "X-Forwarded-Host") { host = forwarded }
        }
        guard let host, let valid = validHost(host) else { return scheme + "://localhost" }
        return scheme + "://" + valid
    }

    /// The last comma-separated entry of the last `name` header, trimmed.
    private static func rightmost(_ request: Request, _ name: String) -> String? {
        guard let value = request.headers.values(name).last, let last = value.split(separator: ",").last else {
            return nil
        }
        let entry = String(last.trimmingSpacesAndTabs)
        return entry.isEmpty ? nil : entry
    }

    /// `host[:port]` lower-cased, or nil: a DNS name or IPv4 address (letters, digits, `-`, `.`; no empty
    /// label) or a bracketed IPv6 address (hex digits, `:`, `.`), then an optional port of 1 to 5 digits.
    static func validHost(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...255).contains(bytes.count) else { return nil }
        var hostEnd = bytes.count
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1,
                  bytes[1..<close].allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            hostEnd = close + 1
        } else {
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) { hostEnd = colon }
            let labels = bytes[0..<hostEnd].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard hostEnd > 0, labels.allSatisfy({ label in
                (1...63).contains(label.count) && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }) else { return nil }
        }
        if hostEnd < bytes.count {
            let port = bytes[(hostEnd + 1)...]
            guard bytes[hostEnd] == UInt8(ascii: ":"), (1...5).contains(port.count),
                  port.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// A `GOODNEWS_PUBLIC_URL` as used: `http://` or `https://`, a valid host, an optional path of unreserved
    /// characters and `/`; without a trailing `/`. nil when it is not such a URL.
    static func canonical(_ text: String) -> String? {
        let lowered = text.lowercased()
        let scheme = lowered.hasPrefix("https://") ? "https://" : lowered.hasPrefix("http://") ? "http://" : nil
        guard let scheme else { return nil }
        var rest = Substring(text.dropFirst(scheme.count))
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let host = validHost(String(rest[..<slash])) else { return nil }
        let path = rest[slash...]
        guard path.utf8.count <= 200, path.utf8.allSatisfy({ byte in
            isAlphanumeric(byte) || "-._~/".utf8.contains(byte)
        }) else { return nil }
        return scheme + host + path
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 6 || byte &- UInt8(ascii: "0") < 10
    }
}
