import Glibc
import Testing

struct TestClientError: Error, CustomStringConvertible {
    var description: String
}

/// One parsed response as the test client saw it.
struct TestResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headers(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny blocking HTTP/1.1 client over a real socket, with receive/send time-outs so a test never hangs.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 5, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError(description: "socket failed") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw TestClientError(description: "connect failed: errno \(errno)")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// Reads more bytes into the buffer; false on EOF, throws on time-out or error.
    @discardableResult
    func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
        if n == 0 { return false }
        throw TestClientError(description: "recv failed: errno \(errno) (time-out?)")
    }

    /// Reads one response; `head` for answers to HEAD (no body follows whatever the framing says).
    func readResponse(head: Bool = false) throws -> TestResponse {
        let headEnd = try waitFor([13, 10, 13, 10])
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestClientError(description: "bad status line in \(headText)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = colon == line.endIndex ? "" : String(line[line.index(after: colon)...])
            return (String(line[..<colon]), value.trimmingCharacters(in: " "))
        }
        var response = TestResponse(status: status, headers: headers, body: [])
        if head || status < 200 || status == 204 || status == 304 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            while buffer.count < length { guard try fill() else { throw TestClientError(description: "EOF in body") } }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding") == "chunked" {
            while true {
                let sizeEnd = try waitFor([13, 10])
                let size = Int(String(decoding: buffer[0..<sizeEnd], as: UTF8.self), radix: 16) ?? -1
                buffer.removeFirst(sizeEnd + 2)
                if size == 0 { _ = try waitFor([13, 10]); buffer.removeFirst(2); break }
                while buffer.count < size + 2 { guard try fill() else { throw TestClientError(description: "EOF in chunk") } }
                response.body.append(contentsOf: buffer[0..<size])
                buffer.removeFirst(size + 2)
            }
        } else {
            while try fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Reads the head of a streaming response and then one chunk at a time.
    func readChunk() throws -> [UInt8]? {
        let sizeEnd = try waitFor([13, 10])
        let size = Int(String(decoding: buffer[0..<sizeEnd], as: UTF8.self), radix: 16) ?? -1
        buffer.removeFirst(sizeEnd + 2)
        if size == 0 {
            _ = try waitFor([13, 10])
            buffer.removeFirst(2)
            return nil
        }
        while buffer.count < size + 2 { guard try fill() else { throw TestClientError(description: "EOF in chunk") } }
        let chunk = Array(buffer[0..<size])
        buffer.removeFirst(size + 2)
        return chunk
    }

    /// Whether the server closed the connection (EOF, or a reset) with nothing more to read.
    func isClosedByServer() -> Bool {
        do {
            while try fill() {}
            return buffer.isEmpty
        } catch {
            return errno == ECONNRESET
        }
    }

    var unreadBytes: Int { buffer.count }

    /// The indices of `clients` that have something to read, waiting until `expected` have or `timeout` ms passed.
    static func readable(_ clients: [TestClient], expected: Int, timeout: Double) -> Set<Int> {
        var ready = Set<Int>()
        let deadline = milliseconds() + timeout
        while ready.count < expected && milliseconds() < deadline {
            let pending = clients.indices.filter { !ready.contains($0) }
            var fds = pending.map { pollfd(fd: clients[$0].fd, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), Int32(max(1, deadline - milliseconds()))) > 0 else { continue }
            for (position, index) in pending.enumerated() where fds[position].revents != 0 { ready.insert(index) }
        }
        return ready
    }

    private func waitFor(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= marker.count {
                var index = searchFrom
                while index + marker.count <= buffer.count {
                    if Array(buffer[index..<index + marker.count]) == marker { return index }
                    index += 1
                }
                searchFrom = max(0, buffer.count - marker.count + 1)
            }
            guard try fill() else { throw TestClientError(description: "EOF before \(marker); got \(String(decoding: buffer, as: UTF8.self))") }
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
