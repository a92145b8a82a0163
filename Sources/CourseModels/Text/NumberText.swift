import CNumberText

/// Numbers written exactly as C's printf writes them, without Foundation's `String(format:)`:
/// that costs about ten thousand instructions a number (a `va_list` built from Swift), and it is
/// the full Foundation's, which the learner's `course` does not link.
public enum NumberText {
    /// `%.*g`: `value` with `digits` significant digits (`1.235e+06`, `0.001235`, `inf`, `nan`).
    public static func significant(_ value: Double, digits: Int) -> String {
        printed { number_text_significant($0, $1, Int32(clamping: digits), value) }
    }

    /// `%.*f`: `value` with `decimals` digits after the point (`0.250`, `-3.000`).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        printed { number_text_fixed($0, $1, Int32(clamping: decimals), value) }
    }

    /// What `write(buffer, capacity)` prints: in a stack buffer when it fits (it nearly always
    /// does), otherwise again in one of the size snprintf said it needs.
    private static func printed(_ write: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String {
        var needed = 64
        while true {
            let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: needed) { buffer in
                let written = Int(write(buffer.baseAddress!, buffer.count))
                guard written >= 0 else { return "" }
                guard written < buffer.count else { needed = written + 1; return nil }
                return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: written), as: UTF8.self)
            }
            if let text { return text }
        }
    }
}
