extension JSONWriter {
    /// Unix seconds as an RFC 3339 UTC string (`2020-09-04T00:00:00Z`), or `null`; no intermediate String.
    public mutating func time(_ seconds: Int64?) {
        guard let seconds else { return null() }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(22)
        JSONWriter.appendRFC3339(seconds: seconds, to: &quoted)
        quoted.append(UInt8(ascii: "\""))
        raw(quoted)
    }

    /// Appends Unix `seconds` as `YYYY-MM-DDTHH:MM:SSZ` (UTC), or `YYYY-MM-DDTHH:MM:SS.mmmZ` with
    /// `milliseconds`, unquoted and without allocating intermediate strings: the one RFC 3339 formatter
    /// (API times through `time(_:)` and `Timestamp.rfc3339`, log lines through `LogLine`).
    public static func appendRFC3339(seconds: Int64, milliseconds: Int? = nil, to out: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        append(year, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, digits: 2, to: &out)
        if let milliseconds {
            out.append(UInt8(ascii: "."))
            append(Int64(milliseconds), digits: 3, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
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
