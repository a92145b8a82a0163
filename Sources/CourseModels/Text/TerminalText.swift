/// Text from a bundle or an answer made safe to print on a terminal: control characters
/// (ESC sequences, NUL, newlines inside a field) and the bidirectional overrides that reorder
/// what a person reads (U+202A–U+202E, U+2066–U+2069) are shown as `\u{…}` escapes, so stored
/// text, kept exactly, can never move the cursor, recolour the screen or disguise itself.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `visible`, keeping line breaks (for multi-line text such as a proof shown in full).
    public static func visibleKeepingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { visible(String($0)) }.joined(separator: "\n")
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
