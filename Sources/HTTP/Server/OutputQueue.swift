import Glibc

/// Bytes waiting to go out on one connection, written with one sendmsg (writev) per run of memory chunks.
/// Heads and small bodies are copied into an owned scratch chunk (one iovec in the common case);
/// large bodies are queued by reference (arrays are copy-on-write, so a cached body is never copied), and
/// bodies sent again and again go by sendfile(2) from their sealed file (`SealedBodies`).
struct OutputQueue {
    /// Memory chunks; a file's place holds an empty array and its entry in `files`.
    private var chunks: [[UInt8]] = []
    private var files: [Int: SealedBody] = [:]
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

    mutating func append(_ body: SealedBody) {
        files[chunks.count] = body
        chunks.append([])
        lastIsOwned = false
        count += body.count
    }

    /// Writes as much as the socket takes; returns the number of bytes written (0 when it is full).
    /// Memory before a file goes with MSG_MORE, so a head and its sendfile body leave in the same segments.
    mutating func write(to fd: Int32, vectors: UnsafeMutablePointer<iovec>) throws(SystemError) -> Int {
        var total = 0
        while count > 0 {
            let wanted: Int
            let written: Int
            if !files.isEmpty, let file = files[first] {
                wanted = file.count - offset
                written = try Syscall.sendfile(fd, file.descriptor, offset: offset, count: wanted)
            } else {
                var failure: SystemError?
                var bytes = 0
                written = withVectors(from: first, filled: 0, bytes: &bytes, vectors) { filled, moreFollows in
                    do throws(SystemError) {
                        return try Syscall.send(fd, vectors, count: filled, more: moreFollows)
                    } catch { failure = error; return 0 }
                }
                if let failure { throw failure }
                wanted = bytes
            }
            consume(written)
            total += written
            // A short write means the socket is full: the next call would only say so.
            if written < wanted { break }
        }
        return total
    }

    /// Nests `withUnsafeBytes` per chunk so every pointer in the iovec array is valid during the call;
    /// stops at a file chunk (`moreFollows`) or when the vectors are full.
    private func withVectors(from index: Int, filled: Int, bytes: inout Int, _ vectors: UnsafeMutablePointer<iovec>,
                             _ body: (Int, Bool) -> Int) -> Int {
        if index == chunks.count || filled == OutputQueue.maxVectors { return body(filled, false) }
        if !files.isEmpty, files[index] != nil { return body(filled, true) }
        let skip = index == first ? offset : 0
        bytes += chunks[index].count - skip
        return chunks[index].withUnsafeBytes { raw in
            let skip = index == first ? offset : 0
            vectors[filled] = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress.map { $0 + skip }),
                                    iov_len: raw.count - skip)
            return withVectors(from: index + 1, filled: filled + 1, bytes: &bytes, vectors, body)
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
            files.removeAll()
            first = 0
            offset = 0
            lastIsOwned = false
            return
        }
        var left = written
        while left > 0 {
            let available = (files[first]?.count ?? chunks[first].count) - offset
            if left < available {
                offset += left
                return
            }
            left -= available
            chunks[first] = []
            files[first] = nil
            first += 1
            offset = 0
        }
        if first >= 32 {
            chunks.removeFirst(first)
            if !files.isEmpty {
                files = Dictionary(uniqueKeysWithValues: files.map { ($0.key - first, $0.value) })
            }
            first = 0
        }
    }
}
