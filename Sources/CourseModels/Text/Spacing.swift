extension String {
    /// The text with leading and trailing whitespace removed and every run of whitespace inside
    /// made one space: two free-text answers are the same answer when these agree.
    ///
    /// Proofs run to tens of kilobytes and are squeezed on every import and replay, so ASCII
    /// text (where whitespace is exactly space, tab, line feed, vertical tab, form feed and
    /// carriage return) is squeezed over its bytes; anything else goes through `Character`, whose
    /// whitespace property covers the rest of Unicode. Both give the same result on ASCII.
    public var squeezingWhitespace: String {
        let utf8 = self.utf8
        let ascii = utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? utf8.allSatisfy { $0 < 0x80 }
        guard ascii else { return split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
