import Log

/// What the access log records about one answered request.
struct AccessRecord {
    var method: String
    var path: String
    var status: Int
    var bytes: Int
    var started: UInt64
    var requestID: String
    /// Present only when `ServerConfiguration.logClientAddress` is on.
    var client: String?
}

extension Logger {
    /// Appends one access line (info level) to `batch`; `finished` is the MonotonicClock time the last
    /// byte went out. The event loop writes a batch once per wake-up, so a busy loop pays one write(2)
    /// for many requests instead of one each.
    func access(_ record: AccessRecord, finished: UInt64, into batch: inout [UInt8]) {
        guard isEnabled(.info) else { return }
        var line = LogLine(format: format, level: .info, message: "access")
        line.field("method", record.method)
        line.field("path", record.path)
        line.field("status", record.status)
        line.field("bytes", record.bytes)
        line.field("us", Int((finished &- record.started) / 1000))
        line.field("id", record.requestID)
        if let client = record.client { line.field("client", client) }
        batch.append(contentsOf: line.finish())
    }
}
