import Glibc
import Threads

/// Progress of long work (`import`, `copy`) on standard error: done / total, rate and time left.
///
/// On a terminal, one line redrawn in place (`\r`) at most ten times a second; elsewhere (a log, CI), a
/// plain line every five seconds, so a short job writes only its final line. Time comes from `clock`
/// (monotonic nanoseconds) and lines go to `write`, so tests drive it with a fake clock, never by sleeping.
/// Used on one thread (the command's).
final class ProgressReporter {
    enum Style: Sendable {
        /// One line rewritten in place: for a terminal.
        case redrawn
        /// A line now and then, each ending in a newline: for files and pipes.
        case lines

        /// The shortest time between two lines.
        var interval: UInt64 {
            switch self {
            case .redrawn: 100_000_000
            case .lines: 5_000_000_000
            }
        }
    }

    let label: String
    let style: Style
    private let clock: () -> UInt64
    private let write: (String) -> Void
    private let start: UInt64
    private var nextLine: UInt64
    private var latest = (done: 0, total: 0)
    /// The first update's time and count: rates are measured from there, not from `start`, because work
    /// often begins with a wait (reading and checking an import file) that says nothing of the rate.
    private var first: (time: UInt64, done: Int)?
    /// The width of the line on screen, to blank what a shorter line does not cover.
    private var drawnWidth = 0
    private var isFinished = false

    init(label: String, style: Style, clock: @escaping () -> UInt64 = MonotonicClock.now,
         write: @escaping (String) -> Void) {
        self.label = label
        self.style = style
        self.clock = clock
        self.write = write
        start = clock()
        // A terminal shows the first update at once; a log waits a whole interval, so quick work is one line.
        nextLine = style == .redrawn ? start : start &+ style.interval
    }

    /// Writes to standard error, redrawn when it is a terminal.
    static func standardError(label: String) -> ProgressReporter {
        ProgressReporter(label: label, style: isatty(STDERR_FILENO) == 1 ? .redrawn : .lines) { text in
            var text = text
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(STDERR_FILENO, base + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    /// Records how far the work is; writes a line when one is due. Cheap when none is.
    func update(done: Int, total: Int) {
        latest = (done, total)
        let now = clock()
        let first = self.first ?? (now, done)
        self.first = first
        guard !isFinished, now >= nextLine else { return }
        nextLine = now &+ style.interval
        show(ProgressReporter.running(label, done: done, total: total,
                                      rate: ProgressReporter.rate(done - first.done, over: now &- first.time)))
    }

    /// The final line: what was done, in how long, at what rate.
    func finish() {
        guard !isFinished else { return }
        isFinished = true
        let now = clock()
        let first = self.first ?? (start, 0)
        show(ProgressReporter.finished(label, done: latest.done, elapsed: now &- start,
                                       rate: ProgressReporter.rate(latest.done - first.done, over: now &- first.time)),
             ending: "\n")
    }

    /// Ends a redrawn line without a final one (the work failed), so the error starts on a line of its own.
    func abandon() {
        guard !isFinished else { return }
        isFinished = true
        if drawnWidth > 0 { write("\n") }
    }

    private func show(_ line: String, ending: String = "") {
        switch style {
        case .lines:
            write(line + "\n")
        case .redrawn:
            let blank = String(repeating: " ", count: max(0, drawnWidth - line.count))
            write("\r" + line + blank + ending)
            drawnWidth = ending.isEmpty ? line.count : 0
        }
    }
}

// MARK: - The lines' words.

extension ProgressReporter {
    /// `import: 1200 / 10000 (12%), 300/s, 30 s left`; without a rate yet, `import: 0 / 10000 (0%)`.
    static func running(_ label: String, done: Int, total: Int, rate: Double?) -> String {
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        var line = "\(label): \(done) / \(total) (\(percent)%)"
        guard let rate else { return line }
        line += ", \(ratePerSecond(rate))/s"
        if total > done { line += ", " + duration(Double(total - done) / rate, roundingUp: true) + " left" }
        return line
    }

    /// Items per second, or nil before there is anything to measure.
    static func rate(_ items: Int, over nanoseconds: UInt64) -> Double? {
        items > 0 && nanoseconds > 0 ? Double(items) * 1e9 / Double(nanoseconds) : nil
    }

    /// `import: 10000 done in 40 s, 250/s`.
    static func finished(_ label: String, done: Int, elapsed: UInt64, rate: Double?) -> String {
        let seconds = Double(elapsed) / 1e9
        // Quick work in tenths ("in 0.4 s"): "in 0 s" would say nothing.
        let took = seconds < 10 ? "\(Int((seconds * 10).rounded()) / 10).\(Int((seconds * 10).rounded()) % 10) s"
            : duration(seconds, roundingUp: false)
        var line = "\(label): \(done) done in " + took
        if let rate { line += ", \(ratePerSecond(rate))/s" }
        return line
    }

    /// Whole numbers from 10 on, one decimal below (`2.5`).
    static func ratePerSecond(_ rate: Double) -> String {
        if rate >= 10 { return String(Int(rate.rounded())) }
        let tenths = Int((rate * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `42 s`, `3 min 05 s`, `2 h 07 min`.
    static func duration(_ seconds: Double, roundingUp: Bool) -> String {
        let whole = Int(min(seconds, 1e9).rounded(roundingUp ? .up : .toNearestOrAwayFromZero))
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
        return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min"
    }
}
