import Dispatch
import Markdown
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
    /// cmark-gfm parses with a process-wide table of special characters that each parse fills
    /// in and clears; without the renderer's parse lock, parses on other threads miss `~` and
    /// `www.` part way through and the output differs from run to run.
    @Test func manyThreadsRenderTheSameAsOne() throws {
        let markdown = (1...200).map { "Line \($0): ~~struck~~ see www.example.org/\($0) and *this*." }
            .joined(separator: "\n\n")
        let expected = try Markdown.html(from: markdown)
        #expect(expected.split(separator: "<del>").count == 201)
        #expect(expected.split(separator: "<a href=\"http://www.example.org/").count == 201)

        let mismatches = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<40 where (try? Markdown.html(from: markdown)) != expected {
                mismatches.add(1, ordering: .relaxed)
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }

    @Test func differentDocumentsAtOnce() {
        let failures = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<100 {
                let n = thread * 1000 + round
                let html = try? Markdown.html(from: "# \(n)\n\n| a |\n|---|\n| ~\(n)~ |\n\n<b>\(n)</b> [x](javascript:\(n))")
                let expected = "<h1>\(n)</h1>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                    + "<td><del>\(n)</del></td>\n</tr>\n</tbody>\n</table>\n<p>&lt;b&gt;\(n)&lt;/b&gt; x</p>\n"
                if html != expected { failures.add(1, ordering: .relaxed) }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }
}
