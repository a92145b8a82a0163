import CalculusCore
import Grading

/// "Estimate f′(x₀) with this difference quotient and step": one-sided differences of a
/// polynomial, a centered difference of a transcendental function, and both estimates with their
/// errors. The key is the quotient computed from f; every other quotient (and f′ itself) is a
/// named mistake and must differ from it at the asked precision.
enum FiniteDifferenceFamily {
    static let x = Expression.variable("x")
    /// Significant digits asked for: enough to tell the quotients apart at these steps.
    static let digits = 6

    static func draft(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        let f: Expression
        let x0 = Double(rng.integer(-4...4)) / 2
        switch tier {
        case 1:
            f = rng.coin()
                ? .integer(rng.coefficient(upTo: 5)) * .power(x, to: .integer(2)) + .integer(rng.nonzero(upTo: 9)) * x
                : .integer(rng.coefficient(upTo: 3)) * .power(x, to: .integer(3)) + .integer(rng.nonzero(upTo: 9)) * x
        default:
            let a = rng.coefficient(upTo: 3)
            switch rng.integer(0...2) {
            case 0: f = .call(.sin, .integer(a) * x)
            case 1: f = .call(.exp, .fraction(Int64(a), 2) * x)
            default: f = .call(.log, x + .integer(rng.integer(3...6)))
            }
        }
        let h = tier == 1 ? rng.pick([0.1, 0.2, 0.5]) : rng.pick([0.1, 0.05, 0.01])
        let text = try PracticeChecks.printed(f, variables: ["x"])
        let compiled = CompiledExpression(f, variables: ["x"])
        let value = { (at: Double) -> Double in compiled.evaluate([at]) }
        let derivative = CompiledExpression(f.simplifiedDerivative(withRespectTo: "x"), variables: ["x"]).evaluate([x0]) as Double
        guard PracticeChecks.agrees(estimate: PracticeChecks.slope(value, at: x0), exact: derivative, scale: abs(value(x0))) else {
            throw .keyDoesNotVerify
        }
        func quotient(_ method: FiniteDifference) -> Double { method.estimate(value, at: x0, step: h) }
        let forward = quotient(.forward), backward = quotient(.backward), centered = quotient(.centered)
        let point = "x₀ = \(AnswerNotation.show(x0))", step = "h = \(AnswerNotation.show(h))"

        let values: [Double], asked: String, mistakes: [String: [Double]], messages: [String: String]
        switch tier {
        case 1, 2:
            let method: FiniteDifference = tier == 1 ? (rng.coin() ? .forward : .backward) : .centered
            let formula: String
            switch method {
            case .forward: formula = "(f(x₀ + h) − f(x₀))/h"
            case .backward: formula = "(f(x₀) − f(x₀ − h))/h"
            case .centered: formula = "(f(x₀ + h) − f(x₀ − h))/(2h)"
            }
            values = [quotient(method)]
            asked = "Estimate f′(x₀) at \(point) with the \(method.rawValue) difference \(formula) and \(step)."
            var wrong: [String: [Double]] = ["exact_derivative": [derivative]]
            for other in FiniteDifference.allCases where other != method {
                wrong["used_\(other.rawValue)_difference"] = [quotient(other)]
            }
            if method == .centered { wrong["centered_not_halved"] = [2 * centered] }
            mistakes = wrong
        default:
            values = [forward, centered, abs(forward - derivative), abs(centered - derivative)]
            asked = "At \(point) with \(step), give four numbers in this order: the forward-difference estimate of f′(x₀), "
                + "the centered-difference estimate, and the absolute error |estimate − f′(x₀)| of each."
            mistakes = [
                "used_backward_difference": [backward, centered, abs(backward - derivative), abs(centered - derivative)],
                "centered_not_halved": [forward, 2 * centered, abs(forward - derivative), abs(2 * centered - derivative)],
            ]
        }
        messages = [
            "exact_derivative": "That is the exact derivative f′(x₀); the question asks for the difference-quotient estimate with the given h.",
            "used_forward_difference": "That is the forward difference (f(x₀ + h) − f(x₀))/h; use the quotient the question names.",
            "used_backward_difference": "That is the backward difference (f(x₀) − f(x₀ − h))/h; use the quotient the question names.",
            "used_centered_difference": "That is the centered difference (f(x₀ + h) − f(x₀ − h))/(2h); use the quotient the question names.",
            "centered_not_halved": "The centered difference divides by 2h, the distance between x₀ − h and x₀ + h, not by h.",
        ]
        var draft = try checked(
            text: text, values: values, mistakes: mistakes, messages: messages, tier: tier,
            task: "Let f(x) = `\(text)`. \(asked) Give at least \(digits) significant digits.",
            canonical: "\(PracticeFamily.finiteDifferences.rawValue)/\(tier)/\(text)/\(x0)/\(h)")
        draft.given = ["x0": x0, "h": h]
        return draft
    }

    /// A numeric key within bounds, asked to `digits` significant digits, each named mistake's
    /// values outside the key's tolerance (shared with backpropagation).
    static func checked(
        text: String, values: [Double], mistakes: [String: [Double]], messages: [String: String], tier: Int,
        task: String, canonical: String, digits: Int = FiniteDifferenceFamily.digits
    ) throws(PracticeRejection) -> Draft {
        let values = values.map(PracticeChecks.rounded)
        let mistakes = mistakes.mapValues { $0.map(PracticeChecks.rounded) }
        try PracticeChecks.checkMagnitudes(values)
        let tolerances = values.map { Tolerance.significantDigits(digits, key: $0) }
        var numeric: [String: NumericMistake] = [:]
        var table: [PracticeMistake] = []
        // In the grader's order (by tag); a mistake that gives the same numbers as an earlier one
        // is named as that one, so it is listed once.
        for (tag, wrong) in mistakes.sorted(by: { $0.key < $1.key }) {
            let mistake = NumericMistake(values: wrong, tolerances: tolerances)
            guard !mistake.matches(values) else { throw .mistakeEqualsKey }
            guard !numeric.values.contains(where: { $0.matches(wrong) }) else { continue }
            numeric[tag] = mistake
            table.append(PracticeMistake(tag: tag, answer: wrong.map(AnswerNotation.show).joined(separator: ", ")))
        }
        let single = values.count == 1
        let answer: AnswerKey = single
            ? .number(value: values[0], tolerance: tolerances[0])
            : .numbers(values: values, tolerances: tolerances, ordered: true)
        let key = PartKey(answer: answer, mistakes: messages.filter { numeric[$0.key] != nil },
                          significantDigits: digits, numericMistakes: numeric)
        return Draft(
            title: "finite differences", task: task,
            partPrompt: single ? "The estimate, to \(digits) significant digits." : "Four numbers, to \(digits) significant digits.",
            kind: single ? .number : .numbers, function: text, variables: ["x"], key: key, canonical: canonical,
            example: single ? "-12.3456" : "1.23456, 1.20001, 0.0345600, 0.000010", mistakes: table,
            hints: ["Evaluate f at the points the quotient needs, then divide by the distance between them."])
    }
}
