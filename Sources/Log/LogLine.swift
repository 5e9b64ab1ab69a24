import Glibc
import JSON

/// One log line under construction, in text (`key=value`) or JSON form; JSON quoting is `JSONWriter`'s.
public struct LogLine {
    private var bytes: [UInt8] = []
    private let format: Logger.Format

    public init(format: Logger.Format, level: Logger.Level, message: String) {
        self.format = format
        bytes.reserveCapacity(160)
        switch format {
        case .text:
            LogLine.appendTimestamp(to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: level.name.utf8)
            bytes.append(0x20)
            LogLine.appendSanitized(message, to: &bytes)
        case .json:
            bytes.append(contentsOf: "{\"time\":\"".utf8)
            LogLine.appendTimestamp(to: &bytes)
            bytes.append(contentsOf: "\",\"level\":\"".utf8)
            bytes.append(contentsOf: level.name.utf8)
            bytes.append(contentsOf: "\",\"msg\":".utf8)
            JSONWriter.appendQuoted(message, to: &bytes)
        }
    }

    public mutating func field(_ key: String, _ value: String) {
        switch format {
        case .text:
            bytes.append(0x20)
            bytes.append(contentsOf: key.utf8)
            bytes.append(UInt8(ascii: "="))
            let needsQuotes = value.isEmpty || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
            if needsQuotes { JSONWriter.appendQuoted(value, to: &bytes) } else { LogLine.appendSanitized(value, to: &bytes) }
        case .json:
            bytes.append(UInt8(ascii: ","))
            JSONWriter.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONWriter.appendQuoted(value, to: &bytes)
        }
    }

    public mutating func field(_ key: String, _ value: Int) {
        switch format {
        case .text:
            bytes.append(0x20)
            bytes.append(contentsOf: key.utf8)
            bytes.append(UInt8(ascii: "="))
        case .json:
            bytes.append(UInt8(ascii: ","))
            JSONWriter.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
        JSONWriter.appendDecimal(value, to: &bytes)
    }

    public func finish() -> [UInt8] {
        var line = bytes
        if format == .json { line.append(UInt8(ascii: "}")) }
        line.append(0x0A)
        return line
    }

    /// Control characters would let a request forge log lines: they become `?`.
    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 { out.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: "?") : byte) }
    }

    /// `2025-05-01T12:00:00.123Z`
    private static func appendTimestamp(to out: inout [UInt8]) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        JSONWriter.appendRFC3339(seconds: Int64(spec.tv_sec), milliseconds: Int(spec.tv_nsec / 1_000_000), to: &out)
    }
}
