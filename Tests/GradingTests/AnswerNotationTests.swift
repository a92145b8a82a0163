import Foundation
@testable import Grading
import Testing

/// The fast paths of answer notation give exactly what the Foundation calls they stand in for
/// gave: numbers in counterexamples print as `String(format: "%.Ng")` printed them, and answer
/// text is joined and split at `=` as before.
struct AnswerNotationTests {
    @Test func numbersPrintAsFormatPrintedThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, 123456789, 2.5, 0.000123456,
                                .pi, -.pi * 1e20, 1e16, 9.99995e-5]
        for _ in 0..<2_000 {
            let exponent = Double(Int.random(in: -40...40, using: &generator))
            values.append(Double.random(in: -10...10, using: &generator) * pow(10, exponent))
        }
        for value in values {
            for digits in [1, 4, 6, 10, 15, 17, 20] {
                #expect(AnswerNotation.brief(value, digits: digits) == String(format: "%.\(digits)g", value), "\(value) \(digits)")
            }
        }
        #expect(AnswerNotation.brief(.nan) == "undefined")
        #expect(AnswerNotation.brief(-.infinity) == "−∞")
    }

    @Test func answerTextIsJoinedAndSplitAsBefore() {
        func reference(_ text: String) -> String {
            let joined = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            let pieces = joined.split(separator: "=", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return joined }
            let lhs = pieces[0].trimmingCharacters(in: .whitespaces)
            return AnswerNotation.isLeftHandSide(lhs) ? String(pieces[1]) : joined
        }
        let texts = ["3x^2", "f'(x) = 3x^2", "dy/dx = -x/y", "3x^2\r\n", "x +\n 1", "a = b = c", "= 2", "x\r\n= 2",
                     "y′ = 2x", "", "\n", "2 = x", "σ'(x) = σ(x)(1 - σ(x))", "é = 1"]
        for text in texts {
            #expect(AnswerNotation.expressionText(text) == reference(text), "\(text.debugDescription)")
        }
    }
}
