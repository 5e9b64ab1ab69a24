import Foundation
import Glibc

/// Reads a Server-Sent Events answer event by event over a real socket (chunked framing undone).
final class SSEClient {
    struct Event: Equatable {
        var name: String?
        var id: String?
        var data: String
    }

    private let client: TestClient
    private var raw: [UInt8] = []
    private var text: [UInt8] = []
    private(set) var status = 0
    private(set) var headers: [(String, String)] = []
    /// Comment lines seen so far (`: heartbeat`).
    private(set) var comments: [String] = []
    private(set) var retry: String?
    private(set) var ended = false

    init(port: Int, target: String, headers extra: [(String, String)] = [], timeoutSeconds: Int = 5) throws {
        client = try TestClient(port: port, timeoutSeconds: timeoutSeconds)
        var head = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        for (name, value) in extra { head += "\(name): \(value)\r\n" }
        try client.write(Array((head + "\r\n").utf8))
        try readHead()
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The next event; throws `TestClientError.timeout` when none comes in time, `.closed` at the end.
    func next() throws -> Event {
        while true {
            if let event = takeEvent() { return event }
            guard !ended else { throw TestClientError.closed }
            try readMore()
        }
    }

    /// Waits until the server ends the stream (throws on time-out).
    func waitForEnd() throws {
        while !ended { try readMore() }
    }

    private func readHead() throws {
        while raw.firstRange(of: [13, 10, 13, 10]) == nil {
            guard let chunk = try client.receive() else { throw TestClientError.closed }
            raw += chunk
        }
        let end = raw.firstRange(of: [13, 10, 13, 10])!.upperBound
        let lines = String(decoding: raw[0..<end], as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        raw.removeFirst(end)
        status = Int(lines[0].split(separator: " ")[1]) ?? 0
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        try dechunk()
    }

    private func readMore() throws {
        guard let chunk = try client.receive() else { ended = true; return }
        raw += chunk
        try dechunk()
    }

    /// Moves complete chunks from `raw` to `text`; the zero chunk ends the stream.
    private func dechunk() throws {
        while let lineEnd = raw.firstRange(of: [13, 10]) {
            let sizeText = String(decoding: raw[0..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16) else { throw TestClientError.malformed("chunk size \(sizeText)") }
            guard raw.count >= lineEnd.upperBound + size + 2 else { return }
            text += raw[lineEnd.upperBound..<lineEnd.upperBound + size]
            raw.removeFirst(lineEnd.upperBound + size + 2)
            if size == 0 { ended = true; return }
        }
    }

    private func takeEvent() -> Event? {
        while let end = text.firstRange(of: [10, 10]) {
            let block = String(decoding: text[0..<end.lowerBound], as: UTF8.self)
            text.removeFirst(end.upperBound)
            var event = Event(name: nil, id: nil, data: "")
            var hasData = false
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") { comments.append(String(line)); continue }
                let parts = line.split(separator: ":", maxSplits: 1).map { String($0) }
                let value = parts.count > 1 ? String(parts[1].drop { $0 == " " }) : ""
                switch parts.first ?? "" {
                case "event": event.name = value
                case "id": event.id = value
                case "data": event.data += (hasData ? "\n" : "") + value; hasData = true
                case "retry": retry = value
                default: break
                }
            }
            if hasData { return event }
        }
        return nil
    }
}
