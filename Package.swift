// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "goodnews",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "goodnews", targets: ["goodnews"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The site's page templates: logic-less, editable by a designer, no dependencies of its own.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C boundaries: system libraries, so a missing -dev package is a clear build error.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcmark-gfm.pc links both libraries; the extensions package ships no .pc of its own.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // epoll and eventfd: Linux headers that Swift's Glibc module does not cover.
        .systemLibrary(name: "CLinux"),
        // libpq's declarations only: it is loaded at run time, so no build needs a PostgreSQL
        // package (why: Sources/PostgreSQL/LibPQ.swift).
        .systemLibrary(name: "CPostgreSQL"),
        // ThreadSanitizer's annotation hooks (weak) and pthread names.
        .systemLibrary(name: "CThreads"),

        // Layers, dependencies pointing down only.
        // Threads: locks, threads and the clock that SQLite and HTTP both use.
        .target(name: "Threads", dependencies: ["CThreads"]),
        // Migrations: numbered SQL files and their checksums, whichever engine applies them.
        .target(name: "Migrations", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SQLite", dependencies: ["CSQLite", "Migrations", "Threads"]),
        .target(name: "PostgreSQL", dependencies: ["CPostgreSQL", "Migrations", "Threads"]),
        .target(name: "JSON"),
        .target(name: "Markdown", dependencies: ["CCmark", "Threads"]),
        // Log: leveled text/JSON lines, each one write(2); below HTTP so the domain and `migrate` log without it.
        .target(name: "Log", dependencies: ["JSON"]),
        .target(name: "HTTP", dependencies: ["CLinux", "CZlib", "JSON", "Log", "Threads"]),
        // The domain: models, rules, services and the store protocols they use. No SQL, no HTTP: the
        // compiler keeps it so.
        .target(name: "GoodNews", dependencies: [
            "JSON", "Log", "Markdown", "Threads",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The domain's stores, one module per engine.
        // TextIndex: an in-memory index ranked as FTS5 ranks (W7's long-tail search); no dependencies.
        .target(name: "TextIndex"),
        // StoreCommon: what both engines' stores share (reading a model from its columns, a PATCH's columns).
        .target(name: "StoreCommon", dependencies: ["GoodNews"]),
        .target(name: "SQLiteStore", dependencies: ["GoodNews", "Migrations", "SQLite", "StoreCommon", "TextIndex", "Threads"]),
        .target(name: "PostgreSQLStore", dependencies: ["GoodNews", "Migrations", "PostgreSQL", "StoreCommon", "Threads"]),
        // `goodnews copy`: an SQLite site's tables into an empty PostgreSQL database, table by table, ids
        // kept. Plain SQL on both wrappers: no domain, no HTTP.
        .target(name: "SiteCopy", dependencies: ["SQLite", "PostgreSQL", "Migrations"]),
        // HTTP to the domain: routes, rendered answers and their cache, the one error-to-status mapping,
        // authentication, the live tally streams, the OpenAPI document. No SQL.
        .target(name: "API", dependencies: [
            "HTTP", "JSON", "Log", "Threads", "GoodNews", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "goodnews", dependencies: [
            "API", "GoodNews", "SQLiteStore", "PostgreSQLStore", "HTTP", "Log", "Migrations", "SQLite",
            "SiteCopy", "Threads", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `swift run -c release sqlite-bench`: the wrapper against direct C calls.
        .executableTarget(name: "sqlite-bench", dependencies: ["SQLite", "CSQLite"]),
        // `swift run -c release pq-bench`: the PostgreSQL wrapper against direct libpq calls.
        .executableTarget(name: "pq-bench", dependencies: ["PostgreSQL", "CPostgreSQL"]),
        // libFuzzer targets, built and run by `scripts/fuzz.sh` (an ordinary build replays inputs).
        .target(name: "FuzzDriver"),
        .executableTarget(name: "fuzz-http-parser", dependencies: ["FuzzDriver", "HTTP"]),
        .executableTarget(name: "fuzz-json-parser", dependencies: ["FuzzDriver", "JSON"]),

        .testTarget(name: "JSONTests", dependencies: ["JSON", "FuzzDriver"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "JSON", "Log", "CZlib", "Threads", "FuzzDriver"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "CSQLite", "Migrations", "Threads"]),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL", "Migrations", "Threads"]),
        // The executable's settings table, parsing and the access log it configures.
        .testTarget(name: "CommandTests", dependencies: [
            "goodnews", "HTTP", "Log", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GoodNewsTests", dependencies: ["API", "GoodNews", "SQLiteStore", "PostgreSQLStore", "HTTP", "SQLite", "JSON", "Log", "TextIndex", "Threads", "SiteCopy", "PostgreSQL", "Migrations"]),
    ],
    swiftLanguageModes: [.v6]
)
