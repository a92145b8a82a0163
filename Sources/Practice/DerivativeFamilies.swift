import CalculusCore
import Grading

/// The families whose items ask for a derivative: the differentiation rules, the chain rule and
/// activation functions. Each tier builds a function from drawn pieces; `draft` then checks it
/// and computes the key with the engine.
enum DerivativeFamilies {
    static let x = Expression.variable("x")

    static func power(_ base: Expression, _ n: Int) -> Expression { .power(base, to: .integer(n)) }
    static func times(_ c: Int, _ e: Expression) -> Expression { .integer(c) * e }
    /// a·x + b with |a| ≥ 2 and b ≠ 0: never x itself.
    static func linear(_ rng: inout SplitMix64, slope: Int = 9, offset: Int = 9) -> Expression {
        times(rng.coefficient(upTo: slope), x) + .integer(rng.nonzero(upTo: offset))
    }

    static let elementary: [Function] = [.sin, .cos, .exp, .log]
    static let smoothActivations: [Function] = [.sigmoid, .tanh, .softplus, .swish, .gelu]

    // MARK: Differentiation rules

    static func rules(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        switch tier {
        case 1:
            let n = rng.integer(3...7), m = rng.integer(1...(n - 1))
            let f = times(rng.coefficient(upTo: 9), power(x, n)) + times(rng.coefficient(upTo: 9), m == 1 ? x : power(x, m))
                + .integer(rng.integer(-9...9))
            return try draft(f, domain: -2...2, family: .differentiationRules, tier: tier,
                             title: "the power rule", hints: ["Differentiate term by term: d/dx xⁿ = n·xⁿ⁻¹, and a constant gives 0."])
        case 2:
            let g = rng.pick(elementary)
            let top = times(rng.coefficient(upTo: 9), power(x, rng.integer(1...4))) + .integer(rng.nonzero(upTo: 9))
            if rng.coin() {
                return try draft(top * .call(g, x), domain: g == .log ? 0.5...3 : -2...2, family: .differentiationRules,
                                 tier: tier, title: "the product rule",
                                 hints: ["(uv)′ = u′v + uv′: differentiate one factor at a time."])
            }
            let bottom = power(x, 2) + .integer(rng.integer(1...9))
            return try draft(top / bottom, domain: -2...2, family: .differentiationRules, tier: tier,
                             title: "the quotient rule", hints: ["(u/v)′ = (u′v − uv′)/v²."])
        default:
            let g = rng.pick(elementary)
            let top = times(rng.coefficient(upTo: 5), power(x, rng.integer(2...3))) * .call(g, x)
            let bottom = power(x, 2) + .integer(rng.integer(1...9))
            return try draft(top / bottom, domain: g == .log ? 0.5...3 : -2...2, family: .differentiationRules,
                             tier: tier, title: "the quotient and product rules",
                             hints: ["The quotient rule first; its u′ needs the product rule."])
        }
    }

    // MARK: Chain rule

    /// An outer function applied to `inner`: a power, a trigonometric function or an exponential.
    static func outer(_ rng: inout SplitMix64, _ inner: Expression) -> Expression {
        switch rng.integer(0...3) {
        case 0: return power(inner, rng.integer(2...6))
        case 1: return .call(.sin, inner)
        case 2: return .call(.cos, inner)
        default: return .call(.exp, inner)
        }
    }

    static func chain(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        let hints = ["Outer function first, evaluated at the inside; then multiply by the inside's derivative."]
        switch tier {
        case 1:
            let f: Expression
            switch rng.integer(0...4) {
            case 0:
                // log and sqrt get an inside that is positive on the whole domain.
                f = .call(.log, times(rng.integer(2...5), power(x, 2)) + .integer(rng.integer(1...9)))
            case 1:
                f = .call(.sqrt, times(rng.integer(2...5), power(x, 2)) + .integer(rng.integer(1...9)))
            case 2:
                f = power(linear(&rng), rng.integer(3...8))
            default:
                let inner = rng.coin() ? linear(&rng) : times(rng.coefficient(upTo: 5), power(x, 2)) + .integer(rng.nonzero(upTo: 5))
                f = .call(rng.pick([.sin, .cos, .exp]), inner)
            }
            return try draft(f, domain: -1...1, family: .chainRule, tier: tier, title: "the chain rule", hints: hints)
        case 2:
            let inner = linear(&rng, slope: 4, offset: 3)
            let middle = Expression.call(rng.pick([.sin, .cos, .exp]), inner)
            return try draft(outer(&rng, middle), domain: -1...1, family: .chainRule, tier: tier,
                             title: "the chain rule, twice", hints: hints + ["Here there are two insides: peel one layer at a time."])
        default:
            let inner = linear(&rng, slope: 4, offset: 3)
            let activation = rng.pick([Function.sigmoid, .tanh, .softplus])
            let f = rng.coin() ? Expression.call(activation, outer(&rng, inner)) : outer(&rng, .call(activation, inner))
            return try draft(f, domain: -1...1, family: .chainRule, tier: tier, title: "the chain rule through an activation",
                             hints: hints + ["σ′ = σ(1 − σ), tanh′ = 1 − tanh², softplus′ = σ."])
        }
    }

    // MARK: Activation functions

    static func activation(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        let g = rng.pick(smoothActivations)
        let hints = ["σ′(u) = σ(u)(1 − σ(u)), tanh′(u) = 1 − tanh²(u), softplus′(u) = σ(u), swish(u) = u·σ(u), gelu(u) = u·Φ(u)."]
        switch tier {
        case 1:
            return try draft(times(rng.coefficient(upTo: 9), .call(g, x)), domain: -2...2, family: .activationDerivatives,
                             tier: tier, title: "an activation function's derivative", hints: hints)
        case 2:
            return try draft(.call(g, linear(&rng, slope: 5, offset: 5)), domain: -2...2, family: .activationDerivatives,
                             tier: tier, title: "an activation of a linear function", hints: hints)
        default:
            let n = rng.integer(1...3)
            let f = (n == 1 ? x : power(x, n)) * .call(g, linear(&rng, slope: 5, offset: 5))
            return try draft(f, domain: -2...2, family: .activationDerivatives, tier: tier,
                             title: "a product with an activation", hints: hints + ["Product rule, then chain rule."])
        }
    }

    // MARK: Checks

    /// The item "differentiate f", checked: f reads back from its printed form; the engine's
    /// derivative depends on x, is within the size bounds, is defined wherever f is sampled on
    /// `domain` and matches a centered difference of f there; and no named mistake gives it.
    static func draft(
        _ f: Expression, domain: ClosedRange<Double>, family: PracticeFamily, tier: Int, title: String, hints: [String]
    ) throws(PracticeRejection) -> Draft {
        let text = try PracticeChecks.printed(f, variables: ["x"])
        let derivative = f.simplifiedDerivative(withRespectTo: "x")
        guard derivative.contains(variable: "x") else { throw .constantDerivative }
        let keyText = try PracticeChecks.printed(derivative, variables: ["x"])
        try PracticeChecks.checkSize(derivative, text: keyText)

        let points = PracticeChecks.samplePoints(domain)
        let function = CompiledExpression(f, variables: ["x"])
        let compiledKey = CompiledExpression(derivative, variables: ["x"])
        let keyValues = points.map { compiledKey.evaluate([$0]) as Double }
        for (point, value) in zip(points, keyValues) {
            let fx: Double = function.evaluate([point])
            guard fx.isFinite, value.isFinite else { throw .undefinedOnDomain }
            let estimate = PracticeChecks.slope({ function.evaluate([$0]) }, at: point)
            guard PracticeChecks.agrees(estimate: estimate, exact: value, scale: abs(fx)) else { throw .keyDoesNotVerify }
        }

        // Each mistake once, under the tag the grader (trying them in the same order) names it by.
        var mistakes: [PracticeMistake] = []
        var seen: [[Double]] = [keyValues]
        for transform in MistakeTransform.derivatives(of: f, variable: "x") {
            let compiled = CompiledExpression(transform.result, variables: ["x"])
            let values = points.map { compiled.evaluate([$0]) as Double }
            // A mistake that leaves nothing defined (y′ dropped, so nothing to solve for) is no answer.
            guard values.contains(where: \.isFinite) else { continue }
            guard PracticeChecks.differ(values, keyValues) else { throw .mistakeEqualsKey }
            guard !seen.contains(where: { !PracticeChecks.differ(values, $0) }) else { continue }
            seen.append(values)
            mistakes.append(PracticeMistake(tag: transform.tag.rawValue, answer: transform.result.simplified.description))
        }

        let key = PartKey(answer: .expression(ExpressionKey(
            key: keyText, variables: ["x"], domain: ["x": Interval(domain.lowerBound, domain.upperBound)],
            derivativeOf: text, withRespectTo: "x")))
        return Draft(
            title: title,
            task: "Differentiate f(x) = `\(text)`.",
            partPrompt: "Differentiate \(text).",
            kind: .expression, function: text, variables: ["x"], key: key,
            canonical: "\(family.rawValue)/\(tier)/\(text)",
            example: "6(3x - 2)^5 + 4x", mistakes: mistakes, hints: hints)
    }
}
