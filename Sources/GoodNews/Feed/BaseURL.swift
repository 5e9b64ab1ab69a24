import HTTP

/// The absolute URL prefix (`http://news.example.org`) for links in documents that need absolute ones
/// (the Atom feed), taken from the request: `Host` as the client sent it, scheme `http` — or, only when
/// `trustProxy` is on (a proxy we run sets them), `X-Forwarded-Proto: https` and `X-Forwarded-Host`.
/// A missing or malformed host (anything beyond letters, digits, `.-_:[]`) becomes `localhost`, so a
/// forged Host can never inject markup or a path.
enum BaseURL {
    static func of(_ request: Request, trustProxy: Bool) -> String {
        var scheme = "http"
        var host = request.headers["Host"]
        if trustProxy {
            if request.headers["X-Forwarded-Proto"]?.lowercased() == "https" { scheme = "https" }
            if let forwarded = request.headers["X-Forwarded-Host"] {
                host = forwarded.split(separator: ",").first.map { String($0).trimming(" \t") }
            }
        }
        guard let host, isPlausibleHost(host) else { return scheme + "://localhost" }
        return scheme + "://" + host.lowercased()
    }

    static func isPlausibleHost(_ host: String) -> Bool {
        guard (1...255).contains(host.utf8.count) else { return false }
        return host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"),
                 UInt8(ascii: "["), UInt8(ascii: "]"):
                true
            default:
                false
            }
        }
    }
}
