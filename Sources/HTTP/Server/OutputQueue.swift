import Glibc

/// Bytes waiting to go out on one connection, written with one sendmsg (writev) per flush.
/// Heads and small bodies are copied into an owned scratch chunk (one iovec in the common case);
/// large bodies are queued by reference (arrays are copy-on-write, so a cached body is never copied).
struct OutputQueue {
    private var chunks: [[UInt8]] = []
    private var first = 0
    private var offset = 0
    private var lastIsOwned = false
    private var spare: [UInt8] = []
    /// Unsent bytes.
    private(set) var count = 0

    /// Bodies up to this size are copied next to their head rather than queued as their own iovec.
    static let copyThreshold = 4096
    /// Vectors per sendmsg; the rest goes in the next call.
    static let maxVectors = 16

    var isEmpty: Bool { count == 0 }

    /// Appends into the owned scratch chunk (built in place, no temporary array).
    mutating func appendOwned(_ build: (inout [UInt8]) -> Void) {
        if !lastIsOwned {
            chunks.append(spare)
            spare = []
            lastIsOwned = true
        }
        let last = chunks.count - 1
        let before = chunks[last].count
        build(&chunks[last])
        count += chunks[last].count - before
    }

    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if bytes.count <= OutputQueue.copyThreshold {
            appendOwned { $0.append(contentsOf: bytes) }
        } else {
            chunks.append(bytes)
            lastIsOwned = false
            count += bytes.count
        }
    }

    /// Writes as much as the socket takes; returns the number of bytes written (0 when it is full).
    mutating func write(to fd: Int32, vectors: UnsafeMutablePointer<iovec>) throws(SystemError) -> Int {
        guard count > 0 else { return 0 }
        var failure: SystemError?
        let written = withVectors(from: first, filled: 0, vectors) { filled in
            do throws(SystemError) { return try Syscall.send(fd, vectors, count: filled) } catch { failure = error; return 0 }
        }
        if let failure { throw failure }
        consume(written)
        return written
    }

    /// Nests `withUnsafeBytes` per chunk so every pointer in the iovec array is valid during the call.
    private func withVectors(from index: Int, filled: Int, _ vectors: UnsafeMutablePointer<iovec>,
                             _ body: (Int) -> Int) -> Int {
        if index == chunks.count || filled == OutputQueue.maxVectors { return body(filled) }
        return chunks[index].withUnsafeBytes { raw in
            let skip = index == first ? offset : 0
            vectors[filled] = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress.map { $0 + skip }),
                                    iov_len: raw.count - skip)
            return withVectors(from: index + 1, filled: filled + 1, vectors, body)
        }
    }

    private mutating func consume(_ written: Int) {
        count -= written
        if count == 0 {
            if lastIsOwned, var scratch = chunks.popLast() {
                scratch.removeAll(keepingCapacity: true)
                // Keep a modest buffer for the next response; let a huge one go.
                if scratch.capacity <= 64 * 1024 { spare = scratch }
            }
            chunks.removeAll(keepingCapacity: true)
            first = 0
            offset = 0
            lastIsOwned = false
            return
        }
        var left = written
        while left > 0 {
            let available = chunks[first].count - offset
            if left < available {
                offset += left
                return
            }
            left -= available
            chunks[first] = []
            first += 1
            offset = 0
        }
        if first >= 32 {
            chunks.removeFirst(first)
            first = 0
        }
    }
}
