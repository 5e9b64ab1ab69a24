/// A request target (RFC 9112 §3.2) taken apart: the raw text, the decoded path, its segments and the query.
struct RequestTarget {
    var raw: String
    var path: String
    var pathSegments: [String]
    var query: [(name: String, value: String)]

    /// The placeholder a head holds until its request line is parsed.
    static var root: RequestTarget { RequestTarget(raw: "/", path: "/", pathSegments: [], query: []) }

    private init(raw: String, path: String, pathSegments: [String], query: [(name: String, value: String)]) {
        self.raw = raw
        self.path = path
        self.pathSegments = pathSegments
        self.query = query
    }

    /// Accepts origin-form, absolute-form with an `http`/`https` scheme, and `*` for OPTIONS.
    /// Path segments are split on `/` before decoding, so an encoded `%2F` stays inside its segment.
    init(_ bytes: UnsafeBufferPointer<UInt8>, isOptions: Bool) throws(Problem) {
        raw = String(decoding: bytes, as: UTF8.self)
        if bytes.count == 1 && bytes[0] == ASCII.asterisk {
            guard isOptions else { throw .badRequest("The target `*` is only allowed with OPTIONS.") }
            path = raw
            pathSegments = []
            query = []
            return
        }
        let pathStart: Int
        if bytes[0] == ASCII.slash {
            pathStart = 0
        } else {
            pathStart = try Self.absolutePathStart(bytes)
        }
        var pathEnd = pathStart
        while pathEnd < bytes.count && bytes[pathEnd] != ASCII.question { pathEnd &+= 1 }

        if pathStart == pathEnd {
            path = "/"
        } else if pathStart == 0 && pathEnd == bytes.count && !Self.contains(bytes, 0..<pathEnd, ASCII.percent) {
            path = raw
        } else {
            path = try PercentDecoding.decode(bytes, pathStart..<pathEnd, plusIsSpace: false)
        }
        pathSegments = []
        var segmentStart = pathStart
        for index in pathStart...pathEnd where index == pathEnd || bytes[index] == ASCII.slash {
            if index > segmentStart {
                pathSegments.append(try PercentDecoding.decode(bytes, segmentStart..<index, plusIsSpace: false))
            }
            segmentStart = index &+ 1
        }
        query = pathEnd < bytes.count ? try Self.queryItems(bytes, pathEnd &+ 1..<bytes.count) : []
    }

    /// Where the path of an absolute-form target starts, after `scheme://authority`.
    private static func absolutePathStart(_ bytes: UnsafeBufferPointer<UInt8>) throws(Problem) -> Int {
        let authorityStart: Int
        if bytes.count > 7 && ASCII.equalsIgnoringCase(bytes, 0..<7, "http://") {
            authorityStart = 7
        } else if bytes.count > 8 && ASCII.equalsIgnoringCase(bytes, 0..<8, "https://") {
            authorityStart = 8
        } else {
            throw .badRequest("The request target is neither a path nor an http(s) URL.")
        }
        var end = authorityStart
        while end < bytes.count && bytes[end] != ASCII.slash && bytes[end] != ASCII.question { end &+= 1 }
        guard end > authorityStart else { throw .badRequest("The request target URL has no host.") }
        return end
    }

    /// `name=value` pairs split on `&`; empty items are skipped, a missing `=` gives an empty value.
    private static func queryItems(_ bytes: UnsafeBufferPointer<UInt8>,
                                   _ range: Range<Int>) throws(Problem) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        var itemStart = range.lowerBound
        for index in range.lowerBound...range.upperBound
        where index == range.upperBound || bytes[index] == ASCII.ampersand {
            if index > itemStart {
                var equals = itemStart
                while equals < index && bytes[equals] != ASCII.equals { equals &+= 1 }
                let name = try PercentDecoding.decode(bytes, itemStart..<equals, plusIsSpace: true)
                let value = equals < index
                    ? try PercentDecoding.decode(bytes, equals &+ 1..<index, plusIsSpace: true) : ""
                items.append((name: name, value: value))
            }
            itemStart = index &+ 1
        }
        return items
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ byte: UInt8) -> Bool {
        for index in range where bytes[index] == byte { return true }
        return false
    }
}
