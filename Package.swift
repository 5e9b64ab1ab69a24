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

        // Layers, dependencies pointing down only.
        .target(name: "SQLite", dependencies: [
            "CSQLite",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "PostgreSQL", dependencies: ["CPostgreSQL"]),
        .target(name: "JSON"),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "HTTP", dependencies: ["CLinux", "CZlib", "JSON"]),
        .target(name: "GoodNews", dependencies: [
            "HTTP", "SQLite", "JSON",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "goodnews", dependencies: [
            "GoodNews", "HTTP", "SQLite",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `swift run -c release sqlite-bench`: the wrapper against direct C calls.
        .executableTarget(name: "sqlite-bench", dependencies: ["SQLite", "CSQLite"]),
        // `swift run -c release pq-bench`: the PostgreSQL wrapper against direct libpq calls.
        .executableTarget(name: "pq-bench", dependencies: ["PostgreSQL", "CPostgreSQL"]),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "JSON", "CZlib"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "CSQLite"]),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL"]),
        .testTarget(name: "GoodNewsTests", dependencies: ["GoodNews", "HTTP", "SQLite", "JSON"]),
    ],
    swiftLanguageModes: [.v6]
)
