#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import SQLite
import Threads

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under /tmp, removed with everything in it when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/sqlite-tests.XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw TestFailure("mkdtemp failed: \(errno)") }
        path = String(cString: created)
    }

    deinit {
        TemporaryDirectory.remove(path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// A new connection on `name` in this directory.
    func connection(_ name: String = "test.sqlite") throws -> Connection {
        try Connection(path: file(name))
    }

    func write(_ name: String, _ contents: String) throws {
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw TestFailure("cannot create \(name): \(errno)") }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw TestFailure("short write to \(name)") }
    }

    func makeDirectory(_ name: String) throws -> String {
        guard mkdir(file(name), 0o755) == 0 else { throw TestFailure("mkdir \(name): \(errno)") }
        return file(name)
    }

    private static func remove(_ path: String) {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) { remove(child) } else { unlink(child) }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}

/// Runs `body(i)` on `count` new POSIX threads (real threads, not the cooperative pool,
/// because the Database API blocks) and waits for all of them.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    // A thread that cannot start is skipped, as before; the others still run and are joined.
    let threads = (0..<count).compactMap { index in try? PosixThread(name: "test-\(index)") { body(index) } }
    for thread in threads { thread.join() }
}

/// Monotonic seconds, for time-boxed loops.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

extension Connection {
    func count(_ table: String) throws -> Int64 {
        try prepare("SELECT count(*) FROM \(table)").scalarInt64() ?? -1
    }
}

/// Runs `writes` writes on their own threads, queued in index order while the writer thread is
/// held in an exclusive job that lets go only once all of them wait, so they are taken as one
/// batch, in that order.
func runBatched(_ database: Database, writes: Int, _ write: @escaping @Sendable (Int) -> Void) {
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    runOnThreads(writes + 2) { index in
        if index == writes {
            try? database.exclusive { _ in
                for _ in 0..<writes { holding.signal() }
                release.wait()
            }
        } else if index == writes + 1 {
            _ = eventually { database.queuedWrites == writes }
            release.signal()
        } else {
            holding.wait()
            _ = eventually { database.queuedWrites == index }
            write(index)
        }
    }
}

/// Polls `condition` (every millisecond) until it holds or `seconds` have passed; whether it held.
/// A deadline, not a wait for time to pass: it returns as soon as the condition holds.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = now() + seconds
    while true {
        if try condition() { return true }
        if now() >= deadline { return false }
        usleep(1000)
    }
}
