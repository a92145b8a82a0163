import CalculusCore
import CourseModels
import Foundation

/// The small conventions of answer text shared by the checkers: left-hand sides that are
/// dropped, numbers written as constant expressions, and how numbers are shown back.
public enum AnswerNotation {
    /// The expression part of an answer: a left-hand side naming a derivative or function
    /// (`f'(x) =`, `y′ =`, `dy/dx =`, `∂L/∂w1 =`, `d/dx (x^2 sin x) =`, `f(x) =`) is dropped;
    /// line breaks become spaces.
    static func expressionText(_ text: String) -> String {
        // Most answers are one line without `=`: nothing to do, and no Foundation string search
        // per answer graded or compared.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "=") }) {
            return text
        }
        // Over scalars: "\r\n" is one Character, and each of its two scalars becomes a space.
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\r" || scalar == "\n" ? " " : scalar) }
        let joined = String(scalars)
        let pieces = joined.split(separator: "=", omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return joined }
        let lhs = pieces[0].trimmingSpaces
        return isLeftHandSide(lhs) ? String(pieces[1]) : joined
    }

    static func isLeftHandSide(_ lhs: String) -> Bool {
        if lhs.isEmpty { return false }
        if lhs.hasPrefix("d") && lhs.contains("/" as Character) && lhs.dropFirst().contains("d" as Character) { return true }
        if lhs.hasPrefix("∂") && lhs.contains("/" as Character) { return true }
        // f, f', f′, f''(x), σ'(x), y', g(t), L: a name, primes, an optional argument list.
        var rest = Substring(lhs)
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard let first = name.first, first.isLetter else { return false }
        rest = rest.dropFirst(name.count)
        rest = rest.drop { $0 == "'" || $0 == "′" || $0 == "″" || $0 == " " }
        if rest.isEmpty { return true }
        return rest.first == "(" && rest.last == ")" && !rest.dropFirst().dropLast().contains { "()".contains($0) }
    }

    /// Text with anything before a single `=` dropped (`f(0) = 0.25` reads as `0.25`).
    static func valueText(_ text: String) -> String {
        let pieces = text.split(separator: "=", omittingEmptySubsequences: false)
        return pieces.count == 2 ? String(pieces[1]) : text
    }

    /// A number written as a constant expression (`0.25`, `1e-5`, `1/4`, `e^-2`, `sqrt(2)`).
    /// - Throws: `ParseError` when it is not one.
    static func number(_ text: String) throws(ParseError) -> Double {
        let expression = try Parser.learner(variables: []).parse(text)
        return CompiledExpression(expression, variables: []).evaluate([Double]())
    }

    /// A number as the learner should see it back: the shortest form that reads back exactly.
    public static func show(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The fewest significant digits (at least 4, at most 17) at which `a` and `b` print
    /// differently, so a counterexample never shows two equal numbers.
    static func distinguishingDigits(_ a: Double, _ b: Double) -> Int {
        var digits = 4
        while digits < 17, brief(a, digits: digits) == brief(b, digits: digits) { digits += 1 }
        return digits
    }

    /// Significant digits as written in a plain decimal literal (`0.10499` has 5, `2.50` has 3,
    /// `1.63e-10` has 3); nil for anything else (`1/4`, `e^-2`), which is exact as written.
    static func significantDigits(_ text: String) -> Int? {
        var body = Substring(text.trimmingSpaces)
        if body.first == "-" || body.first == "+" || body.first == "−" { body = body.dropFirst() }
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exponent = body[body.index(after: e)...]
            guard !exponent.isEmpty, exponent.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber) else { return nil }
            body = body[..<e]
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." }), body.filter({ $0 == "." }).count <= 1,
              body.contains(where: \.isNumber) else { return nil }
        let digits = body.filter(\.isNumber).drop { $0 == "0" }
        return max(digits.count, 1)
    }

    /// A number rounded to `digits` significant digits, for counterexamples.
    static func brief(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : (value > 0 ? "∞" : "−∞") }
        // C's `%.*g` directly: `String(format:)` gives the same text at many times the cost, and
        // a distinct wrong answer's counterexample formats several numbers several times.
        return NumberText.significant(value, digits: digits)
    }
}
