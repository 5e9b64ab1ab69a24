/// The built-in type OIDs the wrapper encodes or decodes in binary (`pg_type.dat`; fixed
/// since PostgreSQL 7). Every other type travels as text.
enum TypeOID {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let char: UInt32 = 18
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043

    /// Types whose binary form is their text's UTF-8 bytes ("char" is one byte of it).
    static func isText(_ oid: UInt32) -> Bool {
        switch oid {
        case text, varchar, bpchar, name, char, json, unknown: true
        default: false
        }
    }

    /// Types read in binary when a result has only these (faster to decode than their text).
    static func hasBinaryDecoding(_ oid: UInt32) -> Bool {
        switch oid {
        case bool, bytea, int2, int4, int8, float4, float8: true
        default: isText(oid)
        }
    }
}
