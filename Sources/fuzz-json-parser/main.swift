import FuzzDriver
import JSON

// libFuzzer target for the JSON parser and writer (`scripts/fuzz.sh json-parser`).
//
// A text that parses is written back and parsed again: the value must come back equal, and writing it
// again must give the same bytes. A text that does not parse must be refused with a position inside it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let value: JSONValue
    do {
        value = try JSONValue.parse(input)
    } catch {
        require(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside the input")
        require(error.line >= 1 && error.column >= 1, "error line \(error.line), column \(error.column)")
        return 0
    }
    let written = value.serialized()
    let again: JSONValue
    do {
        again = try JSONValue.parse(written)
    } catch {
        fatalError("written text does not parse (\(error)): \(String(decoding: written, as: UTF8.self))")
    }
    require(again == value, "round trip changed \(value) into \(again)")
    require(again.serialized() == written, "writing is not deterministic")
    return 0
}

runFuzzTarget(fuzzJSONParser)
