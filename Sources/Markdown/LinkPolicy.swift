/// Which link and image destinations survive rendering.
///
/// cmark hands over a destination with its entities and backslash escapes already decoded, so
/// `jav&#x61;script:` arrives here as `javascript:`. The destination is then read as a browser
/// would (the URL Standard removes tabs and newlines anywhere and trims leading and trailing
/// spaces and control characters) and refused unless it is plainly one of the kinds below.
/// Document-relative paths (`x`, `../x`, `www.x.org` written without a scheme) and queries
/// (`?q=`) are refused too: on a page at `/posts/a` they would point somewhere the writer did
/// not mean.
enum LinkPolicy {
    enum Kind: Equatable {
        case http, https, mailto
        /// `/posts/x`: a path on this site.
        case sitePath
        /// `#part`: a place on the same page.
        case fragment
        /// Anything else, refused.
        case other
    }

    static func allowsLink(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind(of: url) {
        case .http, .https, .mailto, .sitePath, .fragment: true
        case .other: false
        }
    }

    /// Images are fetched as soon as the page opens, so only from absolute web addresses.
    static func allowsImage(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind(of: url) {
        case .http, .https: true
        case .mailto, .sitePath, .fragment, .other: false
        }
    }

    static func kind(of url: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let first = url.firstIndex(where: { $0 > space }),
              let last = url.lastIndex(where: { $0 > space }) else { return .other }
        var text = url[first...last].lazy.filter { $0 != tab && $0 != lineFeed && $0 != carriageReturn }.makeIterator()
        switch text.next() {
        case hash:
            return .fragment
        case slash:
            // `//host` and `/\host` (browsers read `\` as `/`) leave the site.
            let second = text.next()
            return second == slash || second == backslash ? .other : .sitePath
        case let byte? where isLetter(byte):
            // The allowed schemes are letters only: read letters up to the first `:`; anything
            // else first is another scheme or a document-relative path, both refused.
            var scheme = [byte | 0x20]
            while let byte = text.next() {
                if byte == colon {
                    switch String(decoding: scheme, as: UTF8.self) {
                    case "http": return .http
                    case "https": return .https
                    case "mailto": return .mailto
                    default: return .other
                    }
                }
                guard scheme.count < 6, isLetter(byte) else { return .other }
                scheme.append(byte | 0x20)
            }
            return .other
        default:
            return .other
        }
    }

    private static let tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
    private static let backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":")

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
}
