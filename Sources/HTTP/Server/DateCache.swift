import Glibc

/// The `Date: …\r\n` header line (RFC 9110 §5.6.7 IMF-fixdate), rebuilt at most once per second.
struct DateCache {
    private(set) var headerLine: [UInt8] = []
    private var second = -1

    private static let days: [String] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months: [String] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init() { refresh() }

    /// Cheap when the second has not changed (a coarse vDSO clock read).
    mutating func refresh() {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        guard spec.tv_sec != second else { return }
        second = spec.tv_sec
        headerLine = DateCache.format(spec.tv_sec)
    }

    static func format(_ seconds: Int) -> [UInt8] {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        func two(_ value: Int32) { out.append(UInt8(value / 10) + 0x30); out.append(UInt8(value % 10) + 0x30) }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: days[Int(parts.tm_wday)].utf8)
        out.append(contentsOf: ", ".utf8)
        two(parts.tm_mday)
        out.append(0x20)
        out.append(contentsOf: months[Int(parts.tm_mon)].utf8)
        out.append(0x20)
        ASCIIDecimal.append(Int(parts.tm_year) + 1900, to: &out)
        out.append(0x20)
        two(parts.tm_hour); out.append(UInt8(ascii: ":"))
        two(parts.tm_min); out.append(UInt8(ascii: ":"))
        two(parts.tm_sec)
        out.append(contentsOf: " GMT\r\n".utf8)
        return out
    }
}
