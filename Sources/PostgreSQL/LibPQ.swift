#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPostgreSQL

/// libpq, loaded with `dlopen` the first time a PostgreSQL connection is opened.
///
/// Why at run time rather than linked through pkg-config: the embedded SQLite default must build
/// and run on a fresh machine with the README's two commands (`swift run goodnews serve --demo`,
/// `swift test`) and no PostgreSQL package, while CI and the container image build both engines.
/// A package trait could do that only with the trait off by default (a linked libpq needs
/// `libpq-dev` for `swift test` too), so CI, the image and anyone wanting PostgreSQL would build a
/// second flavour of the binary (`--traits`), with `#if` in the executable and the tests. Loading
/// at run time keeps one binary and one build: nothing PostgreSQL is needed to build, and
/// `libpq5` (Debian's run-time package, pulled in by `postgresql`) only once a `postgresql://`
/// URL is given. The cost is that `CPostgreSQL` declares the ~35 functions itself instead of
/// including `libpq-fe.h`; `scripts/check-libpq-shim.sh` (run by `.ci/run`) compiles those
/// declarations against the real header, so a mismatch fails CI rather than a call.
package enum LibPQ {
    /// libpq's soname: its ABI has been `.so.5` since PostgreSQL 8.0.
    #if canImport(Darwin)
    static let libraryNames = ["libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib"]
    #else
    static let libraryNames = ["libpq.so.5"]
    #endif

    /// `@unchecked Sendable`: points at a table filled once, then only read, and never freed.
    struct Functions: @unchecked Sendable {
        let table: UnsafePointer<goodnews_pq>
    }

    /// Loaded on first use (a `static let` is initialised exactly once, thread-safely).
    private static let loaded: Result<Functions, PostgreSQLError> = load(libraryNames)

    /// The table of libpq functions, or why libpq cannot be used on this machine.
    package static func functions() throws(PostgreSQLError) -> UnsafePointer<goodnews_pq> {
        try loaded.get().table
    }

    /// The first of `names` that opens and has every function; tests pass names that do not.
    static func load(_ names: [String]) -> Result<Functions, PostgreSQLError> {
        var reasons: [String] = []
        for name in names {
            // RTLD_LOCAL: libpq's symbols serve this table only, never other libraries' lookups.
            guard let library = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? name)
                continue
            }
            let table = UnsafeMutablePointer<goodnews_pq>.allocate(capacity: 1)
            if let missing = goodnews_pq_load(library, table) {
                table.deallocate()
                dlclose(library)
                reasons.append("\(name) has no \(String(cString: missing))")
                continue
            }
            return .success(Functions(table: UnsafePointer(table)))
        }
        return .failure(PostgreSQLError(
            state: .unableToConnect,
            message: "cannot load the PostgreSQL client library (Debian: apt-get install libpq5): "
                + reasons.joined(separator: "; "),
            isConnectionError: true))
    }
}
