@testable import CourseCLI
import Testing

/// The small text helpers the reports of both programs are laid out with.
struct TextLayoutTests {
    @Test func indentPadsEveryLineAndEndsWithANewline() {
        #expect(indent("a\nb", by: 2) == "  a\n  b\n")
        #expect(indent("a\n", by: 3) == "   a\n   \n")
        #expect(indent("", by: 1) == " \n")
        #expect(indent("é → ∂f/∂x\nx²", by: 1) == " é → ∂f/∂x\n x²\n")
    }

    @Test func percentRoundsToWholePercent() {
        #expect(percent(0.834) == "83%")
        #expect(percent(0.835) == "84%")
    }
}
