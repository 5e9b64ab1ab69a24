import Glibc

/// Flag-wins-over-environment resolution for options (`--addr` beats `GOODNEWS_ADDR`).
enum Environment {
    static func string(_ flag: String?, _ name: String) -> String? {
        if let flag { return flag }
        guard let raw = getenv(name) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }

    static func int(_ flag: Int?, _ name: String) throws -> Int? {
        if let flag { return flag }
        guard let text = string(nil, name) else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) must be a whole number, not \"\(text)\"") }
        return value
    }

    static func double(_ flag: Double?, _ name: String) throws -> Double? {
        if let flag { return flag }
        guard let text = string(nil, name) else { return nil }
        guard let value = Double(text) else { throw ValidationError("\(name) must be a number, not \"\(text)\"") }
        return value
    }

    static func bool(_ flag: Bool, _ name: String) -> Bool {
        if flag { return true }
        guard let text = string(nil, name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }
}

import ArgumentParser
