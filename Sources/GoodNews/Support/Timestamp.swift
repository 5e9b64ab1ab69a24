import Glibc

/// Times as whole seconds since the Unix epoch (UTC), the form the database stores,
/// with RFC 3339 parsing and formatting that needs no Foundation formatter on the hot path.
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

    /// Appends `YYYY-MM-DDTHH:MM:SSZ` without allocating intermediate strings.
    public func appendRFC3339(to out: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        Timestamp.append(year, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        Timestamp.append(month, digits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        Timestamp.append(day, digits: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        Timestamp.append(secondOfDay / 3600, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Timestamp.append(secondOfDay / 60 % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Timestamp.append(secondOfDay % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// Parses RFC 3339 (`2020-09-04T02:00:00+02:00`, fractions dropped) and, when `allowDate`, a bare
    /// `2020-09-04` (midnight UTC). Returns nil for anything else, including impossible dates.
    public init?(rfc3339 text: String, allowDate: Bool = false) {
        var text = text
        guard let value = text.withUTF8({ Timestamp.parse(Array($0), allowDate: allowDate) }) else { return nil }
        seconds = value
    }

    /// Days since 1970-01-01 → (year, month, day), Howard Hinnant's `civil_from_days`.
    static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
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

    private static func append(_ value: Int64, digits: Int, to out: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor *= 10 }
        var v = max(0, value)
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }
}
