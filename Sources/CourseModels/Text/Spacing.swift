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

extension String {
    /// The text without leading and trailing spaces and tabs: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives (Unicode space separators and the tab).
    ///
    /// Written over bytes and Unicode scalars rather than through `CharacterSet`, and on the
    /// concrete `String` rather than generically: a `course submit` trims its reference and every
    /// line of its answer file, and the first use of `CharacterSet` (or of a generic
    /// `StringProtocol` path) costs a short command about 0.8 M instructions of runtime type
    /// lookups.
    public var trimmingSpaces: String { trimming(where: Self.isSpace) }

    /// The text without leading and trailing spaces, tabs and line breaks: Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public var trimmingSpacesAndNewlines: String {
        trimming(where: { Self.isSpace($0) || Self.isLineBreak($0) })
    }

    /// The text without leading and trailing line breaks: Foundation's
    /// `trimmingCharacters(in: .newlines)`.
    public var trimmingNewlines: String { trimming(where: Self.isLineBreak) }

    /// The text without the leading and trailing scalars for which `drop` holds.
    public func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// `CharacterSet.whitespaces`: the space separators (category Zs) and U+0009.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// `CharacterSet.newlines`: U+000A–U+000D, U+0085, and the line and paragraph separators.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

extension Substring {
    /// `String.trimmingSpaces` of this text.
    public var trimmingSpaces: String { String(self).trimmingSpaces }

    /// `String.trimmingSpacesAndNewlines` of this text.
    public var trimmingSpacesAndNewlines: String { String(self).trimmingSpacesAndNewlines }
}
