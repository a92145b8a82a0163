import CalculusCore
import Grading

/// "Run the backward pass": the gradient of a squared-error loss with respect to the weights of
/// a small scalar graph, at given values. The key is the engine's symbolic partial derivatives
/// evaluated there, checked against centered differences of the loss; each named mistake
/// (a dropped local derivative, the factor 2 of the square left out, …) gives other numbers.
enum BackpropagationFamily {
    static let digits = 4

    static func draft(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        let w = Expression.variable("w"), x = Expression.variable("x"), t = Expression.variable("t")
        let loss: Expression, weights: [String], graph: String
        var given: [String: Double] = ["x": rng.half(upTo: 2), "t": rng.half(upTo: 2)]
        switch tier {
        case 1:
            loss = .power(w * x - t, to: .integer(2))
            weights = ["w"]
            graph = "y = w·x, L = (y − t)²"
        case 2:
            let b = Expression.variable("b")
            loss = .power(.call(.sigmoid, w * x + b) - t, to: .integer(2))
            weights = ["w", "b"]
            graph = "z = w·x + b, a = σ(z), L = (a − t)²"
            given["t"] = Double(rng.integer(0...4)) / 4
        default:
            let w1 = Expression.variable("w1"), w2 = Expression.variable("w2")
            loss = .power(w2 * .call(.tanh, w1 * x) - t, to: .integer(2))
            weights = ["w1", "w2"]
            graph = "h = tanh(w1·x), y = w2·h, L = (y − t)²"
        }
        for name in weights { given[name] = rng.half(upTo: 2) }
        let names = Array(given.keys).sorted()
        let text = try PracticeChecks.printed(loss, variables: Set(names))
        let point = names.map { given[$0] ?? 0 }
        let compiledLoss = CompiledExpression(loss, variables: names)

        var values: [Double] = []
        for name in weights {
            let gradient = CompiledExpression(loss.simplifiedDerivative(withRespectTo: name), variables: names).evaluate(point) as Double
            let slot = names.firstIndex(of: name) ?? 0
            let estimate = PracticeChecks.slope({ value in
                var moved = point
                moved[slot] = value
                return compiledLoss.evaluate(moved)
            }, at: point[slot])
            guard PracticeChecks.agrees(estimate: estimate, exact: gradient, scale: 1) else { throw .keyDoesNotVerify }
            // A zero gradient has nothing to propagate.
            guard abs(gradient) >= 1e-3 else { throw .degenerate }
            values.append(gradient)
        }
        try PracticeChecks.checkMagnitudes(values)

        var mistakes: [String: [Double]] = [:]
        for (index, name) in weights.enumerated() {
            for transform in MistakeTransform.derivatives(of: loss, variable: name) {
                var wrong = values
                wrong[index] = CompiledExpression(transform.result, variables: names).evaluate(point)
                guard PracticeChecks.differ(wrong, values) else { throw .mistakeEqualsKey }
                if mistakes[transform.tag.rawValue] == nil { mistakes[transform.tag.rawValue] = wrong }
            }
        }
        let messages = Dictionary(uniqueKeysWithValues: mistakes.keys.compactMap { tag in
            MistakeTag(rawValue: tag).map { (tag, $0.defaultMessage) }
        })
        let givenText = given.sorted { $0.key < $1.key }.filter { !weights.contains($0.key) }
            .map { "\($0.key) = \(AnswerNotation.show($0.value))" } + weights.map { "\($0) = \(AnswerNotation.show(given[$0] ?? 0))" }
        let wanted = weights.map { "∂L/∂\($0)" }.joined(separator: " and ")
        let task = "A scalar computation: \(graph), that is L = `\(text)`. With \(givenText.joined(separator: ", ")), "
            + "run the backward pass and give \(wanted)\(weights.count > 1 ? ", in this order" : ""), to at least \(digits) significant digits."
        var draft = try FiniteDifferenceFamily.checked(
            text: text, values: values, mistakes: mistakes, messages: messages, tier: tier, task: task,
            canonical: "\(PracticeFamily.backpropagation.rawValue)/\(tier)/\(text)/" + givenText.joined(separator: ","),
            digits: digits)
        draft.title = "backpropagation"
        draft.variables = names
        draft.given = given
        draft.partPrompt = weights.count > 1 ? "\(wanted), in this order." : "\(wanted)."
        draft.example = weights.count > 1 ? "-0.1234, 2.5" : "-0.1234"
        draft.hints = ["Start from ∂L/∂L = 1 and multiply by each node's local derivative on the way back: ∂L/∂y = 2(y − t)."]
        return draft
    }
}
