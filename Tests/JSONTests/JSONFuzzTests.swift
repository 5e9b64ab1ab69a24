import JSON
import Testing

struct JSONFuzzTests {
    /// Bytes that make the parser take interesting paths, mixed with arbitrary ones.
    private static let alphabet = Array(#"{}[]:,"\/ 0123456789-+.eEtrufalsn"#.utf8)
        + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        + Array("u00D83DDE00".utf8)

    private static func check(_ bytes: [UInt8]) {
        do {
            let value = try JSONValue.parse(bytes)
            // Whatever parses must write back to text that parses to the same value.
            #expect(try JSONValue.parse(value.serialized()) == value)
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
            #expect(error.line >= 1 && error.column >= 1)
            #expect(!error.description.isEmpty)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...48, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? Self.alphabet.randomElement(using: &random) ?? 0
                    : UInt8.random(in: 0...255, using: &random)
            }
            Self.check(bytes)
        }
    }

    @Test(arguments: [5, 6, 7, 8])
    func mutatedDocumentsNeverCrash(seed: UInt64) {
        let document = Array(#"{"id":12,"title":"Quiñones \"😀\" \u00e9\ud83d\ude00","tags":["a",[1.5e3,-0,true,false,null]],"n":{}}"#.utf8)
        var random = SeededGenerator(state: seed)
        for _ in 0..<3_000 {
            var bytes = document
            for _ in 0...Int.random(in: 0...3, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                let replacement = Self.alphabet.randomElement(using: &random) ?? 0
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = replacement
                case 1: bytes.insert(replacement, at: position)
                default: bytes.remove(at: position)
                }
                if bytes.isEmpty { break }
            }
            Self.check(bytes)
            Self.check(Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))))
        }
    }
}
