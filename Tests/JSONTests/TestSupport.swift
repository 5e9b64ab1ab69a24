import JSON

/// The error `text` is rejected with, or nil if it parses.
func parseError(_ text: String) -> JSONParseError? {
    parseError(Array(text.utf8))
}

/// The error `bytes` are rejected with, or nil if they parse.
func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The written text of a writer, as a string.
func text(of writer: JSONWriter) -> String {
    String(decoding: writer.bytes, as: UTF8.self)
}

/// SplitMix64: a small seeded generator, so a failing fuzz case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
