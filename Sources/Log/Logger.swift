import Glibc

/// A small leveled logger: each line is built whole and written with one write(2), so lines from
/// different threads never interleave. Text lines are logfmt-like; JSON lines are one object each.
public final class Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warn, error

        /// Parses `debug|info|warn|error` (as in `GOODNEWS_LOG_LEVEL`).
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }

        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warn: "warn"
            case .error: "error"
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public enum Format: String, Sendable { case text, json }

    public let level: Level
    public let format: Format
    private let fileDescriptor: Int32

    /// Logs lines at `level` and above to `fileDescriptor` (stderr by default; the caller keeps it open).
    public init(level: Level = .info, format: Format = .text, fileDescriptor: Int32 = 2) {
        self.level = level
        self.format = format
        self.fileDescriptor = fileDescriptor
    }

    @inline(__always)
    public func isEnabled(_ level: Level) -> Bool { level >= self.level }

    /// One line with a message and fields in the given order.
    public func log(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard isEnabled(level) else { return }
        var line = LogLine(format: format, level: level, message: message)
        for (key, value) in fields { line.field(key, value) }
        emit(line)
    }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warn(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warn, message, fields) }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    public func emit(_ line: LogLine) { write(line.finish()) }

    /// Writes whole lines at once (a batch of lines is still one write, so nothing interleaves mid-line).
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            // A pipe or terminal may take a line in parts; loop so the line is never cut.
            while offset < raw.count {
                let n = Glibc.write(fileDescriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
