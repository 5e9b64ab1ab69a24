/// Terms (token bytes) to dense ids, in one open-addressing table over one byte arena: indexing a
/// hundred thousand posts looks up some fifty million tokens, and a `[UInt8]` dictionary key would be
/// an allocation per lookup.
struct TermTable {
    private var bytes: [UInt8] = []
    /// Where term `i` starts in `bytes`; it ends where term `i + 1` starts (the last entry is the end).
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Term id + 1 per slot, 0 when empty; the size is a power of two at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { hashes.count }

    func id(of token: UnsafeRawBufferPointer) -> Int32? {
        let hash = TermTable.hash(token)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash, equals(id, token) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The id of `token`, added when new.
    mutating func intern(_ token: UnsafeRawBufferPointer) -> Int32 {
        if let id = id(of: token) { return id }
        let id = Int32(hashes.count)
        bytes.append(contentsOf: token)
        starts.append(bytes.count)
        hashes.append(TermTable.hash(token))
        if hashes.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for existing in 0..<hashes.count { place(Int32(existing)) }
        } else {
            place(id)
        }
        return id
    }

    private mutating func place(_ id: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    private func equals(_ id: Int, _ token: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == token.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            token.count == 0 || memcmp(stored.baseAddress! + start, token.baseAddress!, token.count) == 0
        }
    }

    /// FNV-1a, 64 bits: short keys, no need for more.
    private static func hash(_ token: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

#if canImport(Glibc)
import Glibc
#endif
