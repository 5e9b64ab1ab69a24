import Glibc

/// The bound, listening TCP socket (non-blocking, close-on-exec, SO_REUSEADDR).
final class ListeningSocket: Sendable {
    let descriptor: FileDescriptor
    /// `host:port` as bound (`127.0.0.1:8080`, `[::1]:8080`).
    let boundAddress: String
    let port: Int

    init(host: String, port: Int, backlog: Int32) throws(SystemError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &found)
        guard status == 0, let info = found else {
            let reason = String(cString: gai_strerror(status))
            throw SystemError("getaddrinfo(\(host)): \(reason)", status == EAI_SYSTEM ? errno : EINVAL)
        }
        defer { freeaddrinfo(found) }

        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        let socket = FileDescriptor(try Syscall.retrying("socket") { Glibc.socket(info.pointee.ai_family, type, 0) })
        // Restarting within TIME_WAIT of a previous run must not fail with EADDRINUSE.
        try Syscall.setOption(socket.rawValue, SOL_SOCKET, SO_REUSEADDR, 1)
        _ = try Syscall.retrying("bind") { Glibc.bind(socket.rawValue, info.pointee.ai_addr, info.pointee.ai_addrlen) }
        _ = try Syscall.retrying("listen") { Glibc.listen(socket.rawValue, backlog) }

        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &address) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SystemError) in
                try Syscall.retrying("getsockname") { getsockname(socket.rawValue, raw, &length) }
            }
        }
        let (boundHost, boundPort) = withUnsafePointer(to: &address) { Syscall.describe($0) }
        descriptor = socket
        self.port = boundPort
        boundAddress = boundHost.contains(":") ? "[\(boundHost)]:\(boundPort)" : "\(boundHost):\(boundPort)"
    }
}
