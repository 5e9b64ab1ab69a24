import GoodNews
/// Writes the Prometheus text exposition format 0.0.4: `# HELP`/`# TYPE` once per metric, then samples.
struct PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    private(set) var text = ""

    /// Starts a metric family; `type` is counter, gauge or histogram.
    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ value: Double, labels: [(String, String)] = []) {
        sample(name, text: PrometheusText.format(value), labels: labels)
    }

    mutating func sample(_ name: String, _ value: Int, labels: [(String, String)] = []) {
        sample(name, text: String(value), labels: labels)
    }

    private mutating func sample(_ name: String, text value: String, labels: [(String, String)]) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (index, label) in labels.enumerated() {
                if index > 0 { text += "," }
                text += label.0 + "=\"" + PrometheusText.escape(label.1) + "\""
            }
            text += "}"
        }
        text += " " + value + "\n"
    }

    /// Label values escape `\`, `"` and line feeds.
    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value.isNaN { return "NaN" }
        return String(value)
    }
}
