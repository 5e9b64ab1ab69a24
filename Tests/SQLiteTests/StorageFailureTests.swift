import Dispatch
import SQLite
import Testing
import Threads

@Suite struct StorageFailureTests {
    @Test func aReadWaitsForAFreeReaderAtMostTheReaderTimeout() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("db.sqlite"), readers: 2, readerTimeout: .milliseconds(50))
        defer { database.close() }
        let lent = DispatchSemaphore(value: 0)
        let giveBack = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<Void, SQLiteError>?>(nil)
        runOnThreads(3) { index in
            if index < 2 {
                // The test holds every reader.
                try? database.read { _ in
                    lent.signal()
                    // Given back when the third read is over, or after 10 s if it never ends.
                    _ = giveBack.wait(timeout: .now() + 10)
                }
            } else {
                lent.wait()
                lent.wait()
                let result: Result<Void, SQLiteError>
                do {
                    try database.read { _ in }
                    result = .success(())
                } catch {
                    result = .failure(error as? SQLiteError ?? SQLiteError(code: .error, message: "\(error)"))
                }
                outcome.withLock { $0 = result }
                giveBack.signal()
                giveBack.signal()
            }
        }
        let result = outcome.withLock { $0 }
        guard case .failure(let error) = result else {
            Issue.record("the read did not time out: \(String(describing: result))")
            return
        }
        #expect(error.isBusy, "busy, so the API answers 503 with Retry-After")
        #expect(error.message.contains("reader"))
        // Readers given back are lent again.
        #expect(try database.read { _ in 1 } == 1)
    }
}
