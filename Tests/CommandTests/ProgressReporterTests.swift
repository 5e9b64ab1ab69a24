import Testing
@testable import goodnews

/// The progress lines against a clock the test moves: what comes out, when, and in which words.
struct ProgressReporterTests {
    /// A clock that stands still until the test moves it, and the lines written so far.
    final class Harness {
        var now: UInt64 = 1_000_000_000_000
        var written: [String] = []

        func reporter(_ style: ProgressReporter.Style) -> ProgressReporter {
            ProgressReporter(label: "import", style: style, clock: { self.now }, write: { self.written.append($0) })
        }

        func advance(milliseconds: UInt64) { now += milliseconds * 1_000_000 }
    }

    @Test func onATerminalTheLineIsRedrawnAtMostTenTimesASecond() {
        let harness = Harness()
        let progress = harness.reporter(.redrawn)
        progress.update(done: 0, total: 1000)
        #expect(harness.written == ["\rimport: 0 / 1000 (0%)"])
        harness.advance(milliseconds: 50)
        progress.update(done: 50, total: 1000)
        #expect(harness.written.count == 1, "not redrawn within 100 ms")
        harness.advance(milliseconds: 50)
        progress.update(done: 100, total: 1000)
        // 100 items in 0.1 s: 1000/s, 900 left: 0.9 s, shown rounded up.
        #expect(harness.written.last == "\rimport: 100 / 1000 (10%), 1000/s, 1 s left")
        harness.advance(milliseconds: 900)
        progress.update(done: 1000, total: 1000)
        // No time left to show: the shorter line is padded with blanks over the end of the longer one.
        let previous = "import: 100 / 1000 (10%), 1000/s, 1 s left"
        let shorter = "import: 1000 / 1000 (100%), 1000/s"
        #expect(harness.written.last == "\r" + shorter + String(repeating: " ", count: previous.count - shorter.count))
        progress.finish()
        // The final line overwrites the running one (blanks would cover a longer one) and ends the line.
        let final = "import: 1000 done in 1.0 s, 1000/s"
        #expect(harness.written.last == "\r" + final + String(repeating: " ", count: shorter.count - final.count) + "\n")
        #expect(harness.written.count == 4)
    }

    @Test func elsewhereALineEveryFiveSecondsAndAFinalOne() {
        let harness = Harness()
        let progress = harness.reporter(.lines)
        for step in 1...12 {
            progress.update(done: step * 1000, total: 12_000)
            harness.advance(milliseconds: 1000)
        }
        // Updates at 0…11 s; lines at 5 s and 10 s; rates from the first update (1000 items at 0 s).
        #expect(harness.written == [
            "import: 6000 / 12000 (50%), 1000/s, 6 s left\n",
            "import: 11000 / 12000 (91%), 1000/s, 1 s left\n",
        ])
        progress.finish()
        #expect(harness.written.last == "import: 12000 done in 12 s, 917/s\n")
    }

    @Test func quickWorkElsewhereWritesOnlyTheFinalLine() {
        let harness = Harness()
        let progress = harness.reporter(.lines)
        progress.update(done: 0, total: 32)
        harness.advance(milliseconds: 400)
        progress.update(done: 32, total: 32)
        progress.finish()
        progress.finish()
        #expect(harness.written == ["import: 32 done in 0.4 s, 80/s\n"])
    }

    @Test func anAbandonedLineEndsSoTheErrorStartsOnItsOwn() {
        let harness = Harness()
        let progress = harness.reporter(.redrawn)
        progress.update(done: 5, total: 10)
        progress.abandon()
        progress.update(done: 6, total: 10)
        progress.finish()
        #expect(harness.written == ["\rimport: 5 / 10 (50%)", "\n"])
        let quiet = harness.reporter(.lines)
        quiet.abandon()
        #expect(harness.written.count == 2, "nothing was drawn, so nothing to end")
    }

    @Test(arguments: [
        (0.4, true, "1 s"), (42.0, false, "42 s"), (59.5, true, "1 min 00 s"), (185.0, false, "3 min 05 s"),
        (7620.0, false, "2 h 07 min"),
    ])
    func durations(_ seconds: Double, _ roundingUp: Bool, _ text: String) {
        #expect(ProgressReporter.duration(seconds, roundingUp: roundingUp) == text)
    }

    @Test func ratesBelowTenKeepATenth() {
        #expect(ProgressReporter.ratePerSecond(2.54) == "2.5")
        #expect(ProgressReporter.ratePerSecond(9.96) == "10.0")
        #expect(ProgressReporter.ratePerSecond(10.4) == "10")
        #expect(ProgressReporter.rate(0, over: 5) == nil)
        #expect(ProgressReporter.rate(5, over: 0) == nil)
    }
}
