import CourseModels
import Foundation
import Testing

/// `NumberText` replaces Foundation's `String(format:)` in counterexamples, reports and
/// practice keys: the text must be the same, digit for digit.
@Suite struct NumberTextTests {
    static let values: [Double] = {
        var out: [Double] = [0, -0.0, 1, -1, 0.5, 0.0005, 0.25, 0.125, 2.5, 1e-300, 5e-324, 1e300,
                             .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan,
                             1.0 / 3, 2.0 / 3, 123_456.789, -13.420000000000023, 0.9995, 0.0015, 999_999.5]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let magnitude = Double.random(in: -30...30, using: &generator)
            out.append((Bool.random(using: &generator) ? 1 : -1) * Foundation.pow(10, magnitude))
        }
        return out
    }()

    @Test func significantDigitsAreAsPrintfWritesThem() {
        for value in Self.values {
            for digits in [1, 3, 4, 12, 17] {
                #expect(NumberText.significant(value, digits: digits) == String(format: "%.\(digits)g", value), "\(value)")
            }
        }
    }

    /// Including the numbers whose text is longer than the first buffer tried (300 digits).
    @Test func fixedDecimalsAreAsPrintfWritesThem() {
        for value in Self.values {
            for decimals in [0, 3, 6] {
                #expect(NumberText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value)")
            }
        }
        #expect(NumberText.fixed(1e300, decimals: 3).count == 305)
    }
}
