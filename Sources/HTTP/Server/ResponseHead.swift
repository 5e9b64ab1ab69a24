/// How the body of a response is delimited on the wire.
enum Framing: Equatable {
    /// `Content-Length: n` (also sent for HEAD, with no body following).
    case length(Int)
    /// `Transfer-Encoding: chunked` (streams on HTTP/1.1).
    case chunked
    /// Body ends when the connection closes (streams on HTTP/1.0).
    case untilClose
    /// No body and no length: 1xx, 204, 304.
    case none
}

/// The `Connection` field the server adds.
enum ConnectionField: Equatable { case omitted, keepAlive, close }

/// Serialises a response head: status line, the handler's fields, then the fields the server owns.
enum ResponseHead {
    static func append(status: Int, headers: Headers, framing: Framing, connection: ConnectionField,
                       date: [UInt8], to out: inout [UInt8]) {
        out.append(contentsOf: statusLine(status))
        for field in headers.fields where !isServerOwned(field.name) {
            appendSanitized(field.name, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(0x20)
            appendSanitized(field.value, to: &out)
            out.append(0x0D)
            out.append(0x0A)
        }
        switch framing {
        case .length(let count):
            out.append(contentsOf: contentLengthPrefix)
            ASCIIDecimal.append(count, to: &out)
            out.append(0x0D)
            out.append(0x0A)
        case .chunked:
            out.append(contentsOf: chunkedField)
        case .untilClose, .none:
            break
        }
        switch connection {
        case .omitted: break
        case .keepAlive: out.append(contentsOf: keepAliveField)
        case .close: out.append(contentsOf: closeField)
        }
        out.append(contentsOf: date)
        out.append(0x0D)
        out.append(0x0A)
    }

    /// Framing and `Date` are the server's: handler copies are dropped so the wire never carries two.
    @inline(__always)
    static func isServerOwned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: Headers.nameEquals(name, "Date")
        case 10: Headers.nameEquals(name, "Connection")
        case 14: Headers.nameEquals(name, "Content-Length")
        case 17: Headers.nameEquals(name, "Transfer-Encoding")
        default: false
        }
    }

    /// CR, LF and NUL in a handler's field would split the response: they become spaces.
    @inline(__always)
    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: text.utf8)
        var index = start
        while index < out.count {
            let byte = out[index]
            if byte == 0x0D || byte == 0x0A || byte == 0 { out[index] = 0x20 }
            index += 1
        }
    }

    @inline(__always)
    static func statusLine(_ status: Int) -> [UInt8] {
        if status >= 100 && status < 600 { return statusLines[status - 100] }
        return Array("HTTP/1.1 \(status) \(Status.reason(status))\r\n".utf8)
    }

    private static let statusLines: [[UInt8]] = (100..<600).map { Array("HTTP/1.1 \($0) \(Status.reason($0))\r\n".utf8) }
    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)
    private static let chunkedField: [UInt8] = Array("Transfer-Encoding: chunked\r\n".utf8)
    private static let keepAliveField: [UInt8] = Array("Connection: keep-alive\r\n".utf8)
    private static let closeField: [UInt8] = Array("Connection: close\r\n".utf8)
    static let continueLine: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
