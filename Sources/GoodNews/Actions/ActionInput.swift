import JSON

/// A validated `POST /v1/cases/{ref}/actions` body: `{"kind", "count"?, "country"?, "source"?}`.
public struct ActionInput: Sendable, Equatable {
    public static let maxCount: Int64 = 10_000_000
    public static let maxSourceLength = 200

    public var kind: ActionKind
    public var count: Int64
    /// ISO 3166-1 alpha-2, upper case; nil when not given.
    public var country: String?
    public var source: String?

    public init(kind: ActionKind, count: Int64 = 1, country: String? = nil, source: String? = nil) {
        self.kind = kind
        self.count = count
        self.country = country
        self.source = source
    }

    /// Fields the action resource shows but a client cannot set; a fetched object may carry them back.
    static let readOnlyFields: Set<String> = ["id", "created_at", "updated_at", "tally"]
    static let fields: Set<String> = ["kind", "count", "country", "source"]

    /// Reads and checks every field, reporting all faults at once (422). `null` means absent.
    /// The count's range is checked here; who may send more than 1 is the service's rule.
    public static func read(_ object: JSONObject) throws(ServiceError) -> ActionInput {
        let reader = JSONFieldReader(object)
        var issues = reader.unknownKeys(allowed: fields, ignored: readOnlyFields)
            .map { FieldIssue(field: $0, message: "is not a field of an action") }
        func attempt<T>(_ read: () throws(JSONFieldError) -> T?) -> T? {
            do { return try read() } catch {
                issues.append(FieldIssue(field: error.field, message: error.message))
                return nil
            }
        }

        let kindText = attempt { () throws(JSONFieldError) in try reader.string("kind", required: true) }
        let kind = kindText.flatMap(ActionKind.init(rawValue:))
        if kindText != nil && kind == nil {
            issues.append(FieldIssue(field: "kind", message: "must be one of \(ActionKind.choices)"))
        }
        let count = attempt { () throws(JSONFieldError) in try reader.int64("count") } ?? 1
        if !(1...maxCount).contains(count) {
            issues.append(FieldIssue(field: "count", message: "must be between 1 and 10000000"))
        }
        var country = attempt { () throws(JSONFieldError) in try reader.string("country") }
        if let given = country {
            country = normalisedCountry(given)
            if country == nil {
                issues.append(FieldIssue(field: "country", message: "must be a two-letter ISO 3166-1 code such as CA"))
            }
        }
        let source = attempt { () throws(JSONFieldError) in try reader.string("source") }
        if let source {
            if let message = FieldRules.controlIssue(source, .short) {
                issues.append(FieldIssue(field: "source", message: message))
            } else if !(1...maxSourceLength).contains(FieldRules.length(source)) {
                issues.append(FieldIssue(field: "source", message: "must be 1 to \(maxSourceLength) characters"))
            }
        }

        guard issues.isEmpty, let kind else { throw .invalid(issues) }
        return ActionInput(kind: kind, count: count, country: country, source: source)
    }

    /// Two ASCII letters, upper-cased (`ca` is taken as `CA`); nil for anything else.
    static func normalisedCountry(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 2 else { return nil }
        var upper: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): upper.append(byte - 32)
            default: return nil
            }
        }
        return String(decoding: upper, as: UTF8.self)
    }

    /// The request in one canonical form, so `{"kind":"letter"}` and `{"count":1,"kind":"letter"}`
    /// are the same request for idempotency: each field length-prefixed, absent ones empty.
    var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        for field in [kind.rawValue, String(count), country ?? "", source.map { "=" + $0 } ?? ""] {
            out.append(contentsOf: String(field.utf8.count).utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: field.utf8)
        }
        return out
    }
}
