/// Why and where a JSON text was rejected.
///
/// `description` reads like "unexpected character '}' at line 1, column 14 (expected a value)":
/// the message, the position, then the hint in parentheses.
/// Lines and columns start at 1; a column counts Unicode scalars, so "é" is one column.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the position: "unexpected character '}'", "duplicate key \"x\"".
    public let message: String
    /// What would have been accepted there, or why not: "expected a value", "leading zeros are not allowed".
    public let hint: String?
    /// Byte offset of the offending input from the start of the text (a leading BOM counts).
    public let offset: Int
    /// Line of `offset`, from 1; only `\n` ends a line.
    public let line: Int
    /// Column of `offset` within its line, from 1, in Unicode scalars.
    public let column: Int

    public init(message: String, hint: String? = nil, offset: Int, line: Int, column: Int) {
        self.message = message
        self.hint = hint
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String {
        let location = "\(message) at line \(line), column \(column)"
        guard let hint else { return location }
        return "\(location) (\(hint))"
    }
}

extension JSONParseError {
    /// Builds the error for `offset` in `text`, counting lines and columns only now that something failed.
    static func at(_ offset: Int, in text: UnsafeBufferPointer<UInt8>, _ message: String,
                   hint: String? = nil) -> JSONParseError {
        let end = min(max(offset, 0), text.count)
        var line = 1
        var column = 1
        // A leading BOM is invisible in editors, so it takes no column.
        let hasBOM = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF
        var index = hasBOM && end >= 3 ? 3 : 0
        while index < end {
            let byte = text[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return JSONParseError(message: message, hint: hint, offset: offset, line: line, column: column)
    }

    /// How a byte is named in a message: `'x'` for printable ASCII, the scalar for valid UTF-8,
    /// `U+000A` for controls, `byte 0xFF` for anything else.
    static func describe(byteAt offset: Int, in text: UnsafeBufferPointer<UInt8>) -> String {
        let byte = text[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return scalarName(UInt32(byte)) }
        let length = UTF8Validation.sequenceLength(at: offset, in: text)
        guard length > 0 else { return "byte 0x\(hex(UInt32(byte), digits: 2))" }
        let slice = UnsafeBufferPointer(rebasing: text[offset..<offset + length])
        return "'\(String(decoding: slice, as: UTF8.self))'"
    }

    static func scalarName(_ value: UInt32) -> String {
        "U+\(hex(value, digits: 4))"
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
