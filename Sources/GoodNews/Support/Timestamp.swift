import Glibc
import JSON

/// Times as whole seconds since the Unix epoch (UTC), the form the database stores,
/// with RFC 3339 parsing and formatting (`JSONWriter.appendRFC3339`) that needs no Foundation formatter on the hot path.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }

    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// `2020-09-04T00:00:00Z`.
    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SSZ` without allocating intermediate strings (`JSONWriter.appendRFC3339`).
    public func appendRFC3339(to out: inout [UInt8]) {
        JSONWriter.appendRFC3339(seconds: seconds, to: &out)
    }

    /// Parses RFC 3339 (`2020-09-04T02:00:00+02:00`, fractions dropped) and, when `allowDate`, a bare
    /// `2020-09-04` (midnight UTC). Returns nil for anything else, including impossible dates.
    public init?(rfc3339 text: String, allowDate: Bool = false) {
        var text = text
        guard let value = text.withUTF8({ Timestamp.parse(Array($0), allowDate: allowDate) }) else { return nil }
        seconds = value
    }

    /// (year, month, day) → days since 1970-01-01, Howard Hinnant's `days_from_civil`.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
