import CLinux
import Glibc

/// A non-blocking eventfd that wakes an event loop from other threads.
final class EventFD: Sendable {
    let descriptor: FileDescriptor

    init() throws(SystemError) {
        descriptor = FileDescriptor(try Syscall.retrying("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) })
    }

    /// Adds 1 to the counter; EAGAIN means it is saturated, so the loop is woken anyway.
    func signal() {
        var one: UInt64 = 1
        _ = try? Syscall.retrying("write") { Glibc.write(descriptor.rawValue, &one, 8) }
    }

    /// Resets the counter so level-triggered epoll stops reporting it.
    func drain() {
        var value: UInt64 = 0
        _ = try? Syscall.retrying("read") { Glibc.read(descriptor.rawValue, &value, 8) }
    }
}
