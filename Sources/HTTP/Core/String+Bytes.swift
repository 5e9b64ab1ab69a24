extension String {
    /// Byte-wise substring test for ASCII needles. `String.contains(_: String)` goes through
    /// _StringProcessing's Character-aware searcher, which costs more than a whole `/healthz` answer.
    @inlinable
    public func containsASCII(_ needle: StaticString) -> Bool {
        var text = self
        return text.withUTF8 { haystack in
            let count = needle.utf8CodeUnitCount
            guard count > 0 else { return true }
            guard haystack.count >= count else { return false }
            let pattern = needle.utf8Start
            for start in 0...(haystack.count - count) {
                var matched = true
                for offset in 0..<count where haystack[start + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            return false
        }
    }
}
