import CLinux
import Glibc

/// Each system call the server makes, wrapped once: `errno` captured at once, EINTR retried inside.
enum Syscall {
    /// Runs `body` until it stops failing with EINTR; a -1 result becomes `SystemError(call, errno)`.
    @inline(__always)
    static func retrying<T: BinaryInteger>(_ call: StaticString, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw SystemError(call.description, code) }
        }
    }

    enum ReadResult: Equatable { case bytes(Int), wouldBlock, endOfFile }

    /// read(2) into `buffer`; a full receive queue and EOF are results, not errors.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> ReadResult {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .endOfFile }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemError("read", code)
        }
    }

    /// sendmsg(2) with MSG_NOSIGNAL: writev that never raises SIGPIPE. Returns bytes written, 0 when the socket is full.
    /// `more` (MSG_MORE) holds a partial segment back for what the next call sends.
    @inline(__always)
    static func send(_ fd: Int32, _ vectors: UnsafeMutablePointer<iovec>, count: Int, more: Bool = false) throws(SystemError) -> Int {
        var message = msghdr()
        message.msg_iov = vectors
        message.msg_iovlen = count
        let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
        while true {
            let n = Glibc.sendmsg(fd, &message, flags)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            throw SystemError("sendmsg", code)
        }
    }

    /// sendfile(2) of `count` bytes of `file` from `offset` to the socket. Returns bytes sent, 0 when the socket is full.
    static func sendfile(_ socket: Int32, _ file: Int32, offset: Int, count: Int) throws(SystemError) -> Int {
        var position = off_t(offset)
        while true {
            let n = Glibc.sendfile(socket, file, &position, count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            throw SystemError("sendfile", code)
        }
    }

    /// send(2) of a small buffer, best effort (error answers on sockets about to close).
    static func sendOnce(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            _ = try? retrying("send") { Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        }
    }

    /// shutdown(2) of the sending side: the peer sees end-of-stream after what was sent.
    static func shutdownWrite(_ fd: Int32) {
        _ = try? retrying("shutdown") { Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }

    /// accept4(2) with SOCK_NONBLOCK|SOCK_CLOEXEC; nil when no connection is waiting.
    static func accept(_ fd: Int32, peer: UnsafeMutablePointer<sockaddr_storage>) throws(SystemError) -> Int32? {
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        while true {
            let client = peer.withMemoryRebound(to: sockaddr.self, capacity: 1) { CLinux.accept4(fd, $0, &length, flags) }
            if client >= 0 { return client }
            let code = errno
            switch code {
            case EINTR: continue
            // The peer gave up before we took it: try the next one.
            case ECONNABORTED, EPROTO: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw SystemError("accept4", code)
            }
        }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SystemError) {
        var value = value
        _ = try retrying("setsockopt") {
            Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// The numeric text of an IPv4/IPv6 socket address (`127.0.0.1`, `::1`) and its port.
    static func describe(_ address: UnsafePointer<sockaddr_storage>) -> (host: String, port: Int) {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        func string(_ text: [CChar]) -> String {
            String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        switch Int32(address.pointee.ss_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var raw = v4.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return (string(text), Int(UInt16(bigEndian: v4.pointee.sin_port)))
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var raw = v6.pointee.sin6_addr
                inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                return (string(text), Int(UInt16(bigEndian: v6.pointee.sin6_port)))
            }
        default:
            return ("", 0)
        }
    }
}
