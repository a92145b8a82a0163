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
        let spacing = utf8.withContiguousStorageIfAvailable(Self.asciiSpacing) ?? Self.asciiSpacing(Array(utf8))
        switch spacing {
        case .squeezed: return self
        case .other: return split(whereSeparator: \.isWhitespace).joined(separator: " ")
        case .loose: break
        }
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

    private enum Spacing {
        /// ASCII, and already squeezed: returned as it is (the common case of a one-line
        /// answer, compared with every earlier answer to its part on every replay).
        case squeezed
        /// ASCII with whitespace to squeeze.
        case loose
        /// Not ASCII.
        case other
    }

    private static func asciiSpacing<Bytes: Collection>(_ bytes: Bytes) -> Spacing where Bytes.Element == UInt8 {
        var squeezed = true
        var previousWasSpace = true
        for byte in bytes {
            if byte >= 0x80 { return .other }
            let space = byte == 0x20 || (0x09...0x0D).contains(byte)
            if space && (byte != 0x20 || previousWasSpace) { squeezed = false }
            previousWasSpace = space
        }
        return squeezed && !previousWasSpace || bytes.isEmpty ? .squeezed : .loose
    }
}
