import GoodNews
import HTTP

/// Query strings rebuilt from decoded items, for `Link` headers.
enum QueryText {
    /// The request's path and query with `name` set to `value` (replacing any), other items kept in order.
    static func replacing(_ request: Request, name: String, with value: String) -> String {
        var text = percentEncoded(request.path, keepSlash: true) + "?"
        for item in request.query where item.name != name {
            text += percentEncoded(item.name) + "=" + percentEncoded(item.value) + "&"
        }
        return text + percentEncoded(name) + "=" + percentEncoded(value)
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (and `/` in paths).
    static func percentEncoded(_ text: String, keepSlash: Bool = false) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
