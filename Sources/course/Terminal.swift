import CourseModels
import Foundation
import CourseCLI

/// Colour and Unicode bars when writing to a terminal; plain text otherwise or with NO_COLOR.
struct Terminal {
    let styled: Bool

    /// Styled on a terminal without `NO_COLOR`; `COURSE_FORCE_COLOR=1` styles output into a pipe
    /// too, so the end-to-end tests can see what a terminal shows.
    static let standard = Terminal(
        styled: ProcessEnvironment.current["COURSE_FORCE_COLOR"] == "1"
            || (isatty(STDOUT_FILENO) == 1 && ProcessEnvironment.current["NO_COLOR"] == nil))

    func green(_ text: String) -> String { styled ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func red(_ text: String) -> String { styled ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { styled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { styled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    func cyan(_ text: String) -> String { styled ? "\u{1B}[36m\(text)\u{1B}[0m" : text }

    var check: String { styled ? green("✓") : "✓" }
    var cross: String { styled ? red("✗") : "✗" }

    /// A bar of `width` cells filled to `fraction`: Unicode blocks styled, `#`/`.` plain.
    func bar(_ fraction: Double, width: Int = 20) -> String {
        let clamped = min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded())
        if styled {
            return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        }
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }
}
