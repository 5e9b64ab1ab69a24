import Foundation
import GoodNews
import SQLiteStore
import Testing
import Threads

/// The storage's one commit hook stays as cheap on the thousandth commit as on the first.
@Suite struct CommitHookTests {
    /// A function value kept in a generic lock used to gain a pair of reabstraction thunks each time it
    /// was read, so the hook ran ever deeper (W5 fell to a ninth). The call depth must not grow.
    @Test func theObserverIsCalledAtTheSameDepthOnEveryCommit() throws {
        let server = try TestServer()
        defer { server.stop() }
        let depths = Locked<[Int]>([])
        server.storage.onCommit { _ in
            let depth = Thread.callStackSymbols.count
            depths.withLock { $0.append(depth) }
        }
        for n in 1...200 {
            _ = try server.storage.write { tx in
                try tx.cases.insert(CaseService.validate(CaseInput(name: "Case \(n)", country: "CU")),
                                    now: Timestamp(seconds: 1_600_000_000), createdAt: nil, updatedAt: nil)
            }
        }
        let seen = depths.withLock { $0 }
        #expect(seen.count == 200)
        #expect(seen.first == seen.last, "call depth grew from \(seen.first ?? 0) to \(seen.last ?? 0) frames")
    }
}
