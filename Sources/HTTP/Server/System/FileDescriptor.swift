import Glibc
import Synchronization

/// Sole owner of one file descriptor: `close()` is idempotent and `deinit` closes what nobody did.
/// The number is atomic so a close on one thread never races a second close (or a double close of a reused number).
final class FileDescriptor: Sendable {
    private let storage: Atomic<Int32>

    init(_ rawValue: Int32) { storage = Atomic(rawValue) }

    /// The descriptor number, or -1 once closed.
    var rawValue: Int32 { storage.load(ordering: .relaxed) }

    func close() {
        let fd = storage.exchange(-1, ordering: .acquiringAndReleasing)
        // close(2) must not be retried on EINTR on Linux: the descriptor is already released.
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    deinit { close() }
}
