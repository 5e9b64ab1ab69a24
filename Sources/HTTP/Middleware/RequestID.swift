import Synchronization

/// Gives every request an id: a sane incoming `X-Request-Id` (1–64 visible ASCII characters) is kept,
/// otherwise a short one is made from a random per-process prefix and a counter (no UUID per call).
/// The id is set on `Request.id` and echoed in the response's `X-Request-Id`.
public struct RequestID: Middleware {
    private let prefix: String
    private let counter = Counter()

    private final class Counter: Sendable {
        let value = Atomic<UInt64>(0)
    }

    public init() {
        var generator = SystemRandomNumberGenerator()
        prefix = String(UInt32.random(in: 0x1000_0000...UInt32.max, using: &generator), radix: 36)
    }

    public func willHandle(_ request: inout Request) -> Response? {
        if let incoming = request.headers["X-Request-Id"], RequestID.isSane(incoming) {
            request.id = incoming
        } else {
            let number = counter.value.wrappingAdd(1, ordering: .relaxed).newValue
            request.id = prefix + "-" + String(number, radix: 36)
        }
        return nil
    }

    public func didHandle(_ request: Request, _ response: inout Response) {
        response.headers.add("X-Request-Id", request.id)
    }

    /// 1–64 bytes, each visible ASCII (no spaces or controls that could forge headers or log lines).
    static func isSane(_ value: String) -> Bool {
        let count = value.utf8.count
        return count >= 1 && count <= 64 && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
