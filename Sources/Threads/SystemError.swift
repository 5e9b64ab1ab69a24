import Glibc

/// A failed system call and the `errno` it left, captured right after the call.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    public init(_ call: String, _ errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        // glibc's strerror returns static text for every known code.
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
