import Glibc

/// Where the files the binary needs at run time live: `migrations/`, `public/` (the site's scripts and style sheets), `templates/` (its pages) and
/// `demo/` (demo content). They are installed beside the binary rather than embedded, so migrations stay
/// plain SQL files that operators can read. Lookup order, first match wins:
/// 1. an explicit folder (`--assets` / `GOODNEWS_ASSETS`);
/// 2. `<binary dir>/../share/goodnews` (the container image and `make install`-style layouts);
/// 3. the nearest ancestor of the binary holding `Package.swift` and `migrations/` (a `swift build` tree);
/// 4. the same search from the working directory (for `swift test`, whose binary lives in `.build`).
public struct Assets: Sendable {
    public let root: String

    public var migrations: String { root + "/migrations" }
    public var publicFiles: String { root + "/public" }
    /// The site's page templates (Mustache), editable without Swift.
    public var templates: String { root + "/templates" }
    public var demoContent: String { root + "/demo/good-news.json" }

    public init(root: String) { self.root = root }

    public static func locate(explicit: String?) throws -> Assets {
        if let explicit {
            guard isDirectory(explicit + "/migrations") else { throw AssetsError.missing(explicit + "/migrations") }
            return Assets(root: explicit)
        }
        var candidates: [String] = []
        if let binaryDir = executableDirectory() {
            candidates.append(binaryDir + "/../share/goodnews")
            candidates += ancestors(of: binaryDir)
        }
        if let cwd = currentDirectory() { candidates += ancestors(of: cwd) }
        for dir in candidates where isDirectory(dir + "/migrations") && hasMarker(dir) {
            return Assets(root: dir)
        }
        throw AssetsError.notFound(candidates)
    }

    /// The share layout needs no marker; a source tree must be ours (it has Package.swift).
    private static func hasMarker(_ dir: String) -> Bool {
        dir.hasSuffix("/share/goodnews") || access(dir + "/Package.swift", F_OK) == 0
    }

    private static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while !parts.isEmpty {
            result.append("/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        return result
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

public enum AssetsError: Error, CustomStringConvertible {
    case missing(String)
    case notFound([String])

    public var description: String {
        switch self {
        case .missing(let path): "no such folder: \(path)"
        case .notFound(let tried):
            "cannot find the migrations/ folder; set GOODNEWS_ASSETS or --assets (looked in: "
                + tried.joined(separator: ", ") + ")"
        }
    }
}
