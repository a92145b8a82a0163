import CalculusCore
import CourseModels
import Foundation
import Grading

/// The calculus core's expression (Foundation has a type of the same name).
typealias Expression = CalculusCore.Expression

/// The checks every generated item passes before it is shown, shared by the families.
enum PracticeChecks {
    /// `expression` printed in the answer language, after checking that the text reads back as
    /// the same expression (so the prompt shows exactly what the key was computed from).
    static func printed(_ expression: Expression, variables: Set<String>) throws(PracticeRejection) -> String {
        let text = expression.description
        guard let back = try? Parser(variables: variables).parse(text), back.description == text else {
            throw .promptDoesNotParse
        }
        return text
    }

    /// An expression key within `PracticeBounds`: length, size and every number in it.
    static func checkSize(_ key: Expression, text: String) throws(PracticeRejection) {
        guard text.count <= PracticeBounds.keyCharacters, key.nodeCount <= PracticeBounds.keyNodes else {
            throw .keyTooLarge
        }
        guard numbersWithinBounds(key) else { throw .numberOutOfBounds }
    }

    /// Whether every number of `expression` is an exact rational with numerator and denominator
    /// at most `PracticeBounds.keyInteger`.
    static func numbersWithinBounds(_ expression: Expression) -> Bool {
        switch expression {
        case let .number(.rational(p, q)): return abs(p) <= PracticeBounds.keyInteger && q <= PracticeBounds.keyInteger
        case .number: return false
        case .variable, .constant: return true
        case let .sum(items), let .product(items): return items.allSatisfy(numbersWithinBounds)
        case let .power(base, exponent): return numbersWithinBounds(base) && numbersWithinBounds(exponent)
        case let .call(_, argument): return numbersWithinBounds(argument)
        }
    }

    /// Numeric key values within `PracticeBounds`: finite, not too large, and not so small they read as 0.
    static func checkMagnitudes(_ values: [Double]) throws(PracticeRejection) {
        for value in values {
            guard value.isFinite, abs(value) <= PracticeBounds.keyMagnitude else { throw .numberOutOfBounds }
            guard value == 0 || abs(value) >= PracticeBounds.keySmallest else { throw .numberOutOfBounds }
        }
    }

    /// `count` stratified points inside `domain`, off its ends and off the simple values (0, ½, 1)
    /// where special cases hide.
    static func samplePoints(_ domain: ClosedRange<Double>, count: Int = 12) -> [Double] {
        let width = domain.upperBound - domain.lowerBound
        return (0..<count).map { domain.lowerBound + width * (Double($0) + 0.3819660113) / Double(count) }
    }

    /// Whether `a` and `b` differ at one of the points by more than rounding could explain, or
    /// one is defined where the other is not.
    static func differ(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).contains { x, y in
            x.isFinite != y.isFinite || (x.isFinite && abs(x - y) > 1e-7 * max(1, abs(x), abs(y)))
        }
    }

    /// `value` rounded to 12 significant digits, so a numeric key reads as its arithmetic meant
    /// (`-13.42`, not `-13.420000000000023`); far inside any tolerance asked for.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return Double(NumberText.significant(value, digits: 12)) ?? value
    }

    /// The centered difference of `f` at `x` with a step that keeps it accurate to about 1e-9 relative.
    static func slope(_ f: (Double) -> Double, at x: Double) -> Double {
        FiniteDifference.centered.estimate(f, at: x, step: 1e-5 * max(1, abs(x)))
    }

    /// Whether an estimate agrees with an exact value to what a centered difference can promise.
    static func agrees(estimate: Double, exact: Double, scale: Double) -> Bool {
        estimate.isFinite && exact.isFinite && abs(estimate - exact) <= 1e-5 * max(1, abs(exact), scale)
    }
}
