/// Answer-cache keys from normalised parameters. Each part is length-prefixed, so no value, whatever
/// characters it holds, can make two different queries share a key.
public enum CacheKey {
    public static func make(_ route: String, _ parts: [String?]) -> String {
        var key = route
        for part in parts {
            if let part {
                key += "|" + String(part.utf8.count) + ":" + part
            } else {
                key += "|-"
            }
        }
        return key
    }
}
