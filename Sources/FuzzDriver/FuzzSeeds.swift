import Glibc

/// A fuzz target's committed seed folder (`fuzz/corpus/<target>`): one file per input of the parser test
/// tables, named by a hash (FNV-1a) of its bytes. The tables' tests check it is complete; with
/// `GOODNEWS_WRITE_FUZZ_SEEDS=1` in the environment they write the missing files instead.
public enum FuzzSeeds {
    /// Inputs over 4 KiB are left out: they would raise libFuzzer's input length for every run, and the
    /// tables' long cases have short twins under small limits.
    public static let maxLength = 4096

    /// The files `inputs` need in `directory` that are not there (after writing them, when asked to).
    public static func missing(_ inputs: [[UInt8]], in directory: String) -> [String] {
        let write = getenv("GOODNEWS_WRITE_FUZZ_SEEDS").map { String(cString: $0) } == "1"
        if write {
            var folder = ""
            for part in directory.split(separator: "/") {
                folder += "/" + part
                mkdir(folder, 0o755)
            }
        }
        var missing: [String] = []
        for input in inputs where input.count <= maxLength {
            let path = directory + "/" + name(input)
            if access(path, F_OK) == 0 { continue }
            if write, let file = fopen(path, "wb") {
                let written = input.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
                fclose(file)
                if written == input.count { continue }
            }
            missing.append(path)
        }
        return missing
    }

    private static func name(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
