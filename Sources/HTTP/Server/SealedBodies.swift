import CLinux
import Glibc
import Threads

/// A body's bytes in a sealed in-memory file, sent with sendfile(2): the kernel hands the file's pages to the
/// socket instead of copying the bytes from user memory on every send (that copy was a third of the CPU time
/// of a 100 KB feed page). The seals make the pages immutable, so a send still in flight when the body is
/// dropped reads what it was given; the descriptor closes when the last queued send lets go of it.
final class SealedBody: Sendable {
    let descriptor: Int32
    let count: Int

    init?(copying bytes: [UInt8]) {
        let fd = bytes.withUnsafeBytes { goodnews_sealed_memfd($0.baseAddress, $0.count) }
        guard fd >= 0 else { return nil }
        descriptor = fd
        count = bytes.count
    }

    deinit { Glibc.close(descriptor) }
}

/// Large bodies the server sends again and again, each as a `SealedBody`, shared by every loop.
///
/// A body qualifies by identity, not by content: the same array buffer seen a second time (the answer cache
/// and the gzip variants hand out the same array on every hit), so nothing is hashed or compared and an answer
/// rendered afresh per request never gets a file. First sightings keep only the buffer's address; the second
/// one makes the file and keeps the array, so the address cannot be reused while its entry lives.
/// Bounded by `maxFiles` descriptors (counted in `DescriptorLimit.margin`) and `maxBytes`; the oldest goes first.
final class SealedBodies: Sendable {
    /// Smaller bodies cost less to copy than a second system call.
    static let minimumSize = 32 * 1024
    static let maxFiles = 64
    static let maxBytes = 64 << 20
    private static let maxSightings = 4096

    private struct Entry {
        let bytes: [UInt8]
        let body: SealedBody
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var order: [Key] = []
        var bytes = 0
        var sightings: Set<Key> = []
    }

    private struct Key: Hashable {
        let address: UInt
        let count: Int
    }

    private enum Sighting {
        case known(SealedBody)
        case first
        case second
    }

    private let state = Locked(State())

    init() {}

    var fileCount: Int { state.withLock { $0.entries.count } }

    /// The sealed file of `bytes` if this buffer has been sent before; nil to send it from memory.
    func body(for bytes: [UInt8]) -> SealedBody? {
        guard bytes.count >= SealedBodies.minimumSize, bytes.count <= SealedBodies.maxBytes else { return nil }
        let address = bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let key = Key(address: address, count: bytes.count)
        let sighting = state.withLock { s -> Sighting in
            if let entry = s.entries[key] { return .known(entry.body) }
            if s.sightings.remove(key) != nil { return .second }
            if s.sightings.count >= SealedBodies.maxSightings { s.sightings.removeAll(keepingCapacity: true) }
            s.sightings.insert(key)
            return .first
        }
        switch sighting {
        case .known(let body): return body
        case .first: return nil
        case .second: break
        }
        // Made outside the lock: the copy into the file is the one copy this body will cost from now on.
        guard let body = SealedBody(copying: bytes) else { return nil }
        state.withLock { s in
            guard s.entries[key] == nil else { return }
            while !s.order.isEmpty, s.order.count >= SealedBodies.maxFiles || s.bytes + bytes.count > SealedBodies.maxBytes {
                let oldest = s.order.removeFirst()
                if let old = s.entries.removeValue(forKey: oldest) { s.bytes -= old.bytes.count }
            }
            s.entries[key] = Entry(bytes: bytes, body: body)
            s.order.append(key)
            s.bytes += bytes.count
        }
        return body
    }
}
