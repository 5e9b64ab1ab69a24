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
        var text = url.filter { $0 != tab && $0 != lineFeed && $0 != carriageReturn }[...]
        while let first = text.first, first <= space { text.removeFirst() }
        while let last = text.last, last <= space { text.removeLast() }
        guard let first = text.first else { return .other }
        if first == hash { return .fragment }
        if first == slash {
            // `//host` and `/\host` (browsers read `\` as `/`) leave the site.
            let second = text.dropFirst().first
            return second == slash || second == backslash ? .other : .sitePath
        }
        // A scheme: a letter, then letters, digits, `+`, `-` or `.`, up to the first `:`.
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon > text.startIndex, isLetter(first),
              text[..<colon].allSatisfy({ isLetter($0) || isDigit($0) || $0 == plus || $0 == minus || $0 == dot })
        else { return .other }
        switch String(decoding: text[..<colon], as: UTF8.self).lowercased() {
        case "http": return .http
        case "https": return .https
        case "mailto": return .mailto
        default: return .other
        }
    }

    private static let tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
    private static let backslash = UInt8(ascii: "\\"), plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
