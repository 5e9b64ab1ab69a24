import CLinux
import Glibc

/// One epoll instance; registrations carry a 64-bit tag that comes back with each event.
final class Epoll {
    let descriptor: FileDescriptor

    init() throws(SystemError) {
        descriptor = FileDescriptor(try Syscall.retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) })
    }

    func add(_ fd: Int32, events: UInt32, tag: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_ADD, fd, events: events, tag: tag)
    }

    func modify(_ fd: Int32, events: UInt32, tag: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_MOD, fd, events: events, tag: tag)
    }

    func remove(_ fd: Int32) {
        // ENOENT/EBADF only mean it is gone already.
        _ = try? control(EPOLL_CTL_DEL, fd, events: 0, tag: 0)
    }

    private func control(_ operation: Int32, _ fd: Int32, events: UInt32, tag: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = tag
        _ = try Syscall.retrying("epoll_ctl") { epoll_ctl(descriptor.rawValue, operation, fd, &event) }
    }

    /// Waits up to `timeoutMilliseconds` for events; 0 when the wait was interrupted or timed out.
    func wait(into events: UnsafeMutableBufferPointer<epoll_event>, timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let n = epoll_wait(descriptor.rawValue, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        if n >= 0 { return Int(n) }
        let code = errno
        // EINTR: a signal arrived; the caller just loops (its clock and deadlines are re-read anyway).
        if code == EINTR { return 0 }
        throw SystemError("epoll_wait", code)
    }
}

enum EpollEvents {
    static let input = EPOLLIN.rawValue
    static let output = EPOLLOUT.rawValue
    static let peerHangUp = EPOLLRDHUP.rawValue
    static let hangUp = EPOLLHUP.rawValue
    static let error = EPOLLERR.rawValue
    static let exclusive = EPOLLEXCLUSIVE.rawValue
}
