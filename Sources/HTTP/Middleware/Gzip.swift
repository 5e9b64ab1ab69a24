import CZlib
import Threads

/// Compresses fixed bodies over `minimumSize` when the client accepts gzip and the content is textual;
/// sets `Content-Encoding: gzip`, `Vary: Accept-Encoding`, and marks an existing ETag as the gzip variant.
public struct Gzip: Middleware {
    public let minimumSize: Int
    public let level: Int32
    private let deflaters = DeflaterPool()
    private let variants = CompressedVariants()

    public init(minimumSize: Int = 1024, level: Int32 = 6) {
        self.minimumSize = minimumSize
        self.level = level
    }

    public func didHandle(_ request: Request, _ response: inout Response) {
        guard case .bytes(let body) = response.body, body.count > minimumSize,
              response.status >= 200, response.status != 204, response.status != 206, response.status != 304,
              !response.headers.contains("Content-Encoding"),
              Gzip.isCompressible(response.headers["Content-Type"] ?? ""),
              !(response.headers["Cache-Control"]?.containsASCII("no-transform") ?? false) else { return }
        // Caches must key on Accept-Encoding even when this client gets the identity variant.
        response.headers.add("Vary", "Accept-Encoding")
        let accepted = request.headers.values("Accept-Encoding")
        guard !accepted.isEmpty, AcceptEncoding.allowsGzip(accepted.joined(separator: ",")) else { return }
        // A strong ETag names the exact bytes, so the compressed variant of a cached answer is made once.
        let tag = response.headers["ETag"].flatMap { $0.hasPrefix("W/") ? nil : $0 }
        let key = tag.map { $0 + (response.headers["Content-Type"] ?? "") }
        let compressed: [UInt8]
        if let key, let known = variants.lookup(key) {
            compressed = known
        } else {
            guard let fresh = deflaters.compress(body, level: level) else { return }
            compressed = fresh
            if let key { variants.store(key, fresh) }
        }
        guard compressed.count < body.count else { return }
        response.body = .bytes(compressed)
        response.headers.add("Content-Encoding", "gzip")
        if let tag = response.headers["ETag"] { response.headers.set("ETag", EntityTag.gzipVariant(of: tag)) }
    }

    static func isCompressible(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.containsASCII("json") || contentType.containsASCII("xml")
            || contentType.containsASCII("javascript") || contentType.hasPrefix("image/svg")
    }
}

/// Compressed bodies by strong ETag, bounded in bytes (cleared when full: answers change rarely).
final class CompressedVariants: Sendable {
    private let entries = Locked<(map: [String: [UInt8]], bytes: Int)>(([:], 0))
    private let maxBytes = 16 << 20

    func lookup(_ key: String) -> [UInt8]? { entries.withLock { $0.map[key] } }

    func store(_ key: String, _ value: [UInt8]) {
        entries.withLock { state in
            if state.bytes + value.count > maxBytes { state = ([:], 0) }
            if state.map.updateValue(value, forKey: key) == nil { state.bytes += value.count }
        }
    }
}

/// z_streams kept for reuse (deflateInit allocates ~260 KiB); handed out under a mutex, one user at a time.
final class DeflaterPool: Sendable {
    private let idle = Locked<[Deflater]>([])

    func compress(_ input: [UInt8], level: Int32) -> [UInt8]? {
        let reused = idle.withLock { $0.popLast() }
        guard let deflater = reused ?? Deflater(level: level) else { return nil }
        let output = deflater.gzip(input)
        idle.withLock { if $0.count < 8 { $0.append(deflater) } }
        return output
    }
}

final class Deflater: @unchecked Sendable {
    // @unchecked: used by one thread at a time; DeflaterPool's mutex hands it over.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    init?(level: Int32) {
        stream.initialize(to: z_stream())
        guard goodnews_deflate_init_gzip(stream, level) == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// The whole of `input` as one gzip member, or nil if zlib fails.
    func gzip(_ input: [UInt8]) -> [UInt8]? {
        guard deflateReset(stream) == Z_OK else { return nil }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        var finished = false
        let output = input.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: bound) { target, count in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = uInt(bound)
                finished = deflate(stream, Z_FINISH) == Z_STREAM_END
                count = finished ? Int(stream.pointee.total_out) : 0
            }
        }
        return finished ? output : nil
    }
}
