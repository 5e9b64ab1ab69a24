import Glibc

/// The entry of a fuzz target: its `LLVMFuzzerTestOneInput`, which must answer 0 and trap on a bug.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs a fuzz target as the program.
///
/// Built by `scripts/fuzz.sh` (`-sanitize=fuzzer,address -DFUZZING`), libFuzzer drives it: SwiftPM links an
/// executable's own `main`, so this hands libFuzzer the command line through `LLVMFuzzerRunDriver`, its
/// entry for programs that keep their `main`. In an ordinary build (`swift build`) there is no libFuzzer:
/// the target is run once on each file named on the command line, which replays a crash or a corpus
/// (`swift run fuzz-json-parser fuzz/corpus/json-parser/*`).
public func runFuzzTarget(_ target: FuzzTarget) -> Never {
    #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
    #else
    for path in CommandLine.arguments.dropFirst() {
        guard let bytes = readFile(path) else {
            print("cannot read \(path)")
            exit(2)
        }
        _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
    }
    print("ran \(CommandLine.arguments.count - 1) input(s)")
    exit(0)
    #endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget
) -> CInt
#endif

private func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { return ferror(file) == 0 ? bytes : nil }
        bytes += chunk[0..<count]
    }
}

/// Traps when an invariant of a fuzz target fails, printing `message` (`precondition` prints nothing in
/// the release builds `scripts/fuzz.sh` makes, which would leave a crash file without its reason).
@inline(__always)
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
