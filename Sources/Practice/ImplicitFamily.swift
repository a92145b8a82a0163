import CalculusCore
import Grading

/// "Find dy/dx on the curve": an ellipse, a cubic with an xy term, or a curve with a
/// transcendental term. The key is the engine's implicit derivative, checked at points of the
/// curve against −F_x/F_y by finite differences of F.
enum ImplicitFamily {
    static let x = Expression.variable("x"), y = Expression.variable("y")

    static func draft(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        let lhs: Expression, rhs: Expression
        switch tier {
        case 1:
            // A linear term, so that dropping every power rule's factor 2 does not cancel out.
            lhs = .integer(rng.integer(1...6)) * .power(x, to: .integer(2)) + .integer(rng.integer(2...6)) * .power(y, to: .integer(2))
            rhs = .integer(rng.coefficient(upTo: 5)) * x + .integer(rng.integer(10...40))
        case 2:
            lhs = .power(x, to: .integer(3)) + .power(y, to: .integer(3))
            rhs = .integer(rng.coefficient(upTo: 6)) * x * y + .integer(rng.nonzero(upTo: 5))
        default:
            if rng.coin() {
                lhs = .power(y, to: .integer(3)) + .integer(rng.integer(2...5)) * y
                rhs = .integer(rng.coefficient(upTo: 4)) * .call(.sin, x) + .integer(rng.coefficient(upTo: 3)) * .power(x, to: .integer(2))
            } else {
                lhs = .call(.exp, y) + .integer(rng.integer(2...5)) * y
                rhs = .integer(rng.coefficient(upTo: 3)) * .power(x, to: .integer(2)) + .integer(rng.coefficient(upTo: 5)) * x
            }
        }
        return try checked(lhs: lhs, rhs: rhs, family: .implicitDifferentiation, tier: tier)
    }

    static func checked(lhs: Expression, rhs: Expression, family: PracticeFamily, tier: Int) throws(PracticeRejection) -> Draft {
        let variables: Set<String> = ["x", "y"]
        let equation = try PracticeChecks.printed(lhs, variables: variables) + " = " + PracticeChecks.printed(rhs, variables: variables)
        guard let (l, r) = try? Parser(variables: variables).parseEquation(equation),
              l.description + " = " + r.description == equation else {
            throw .promptDoesNotParse
        }
        let slope = Expression.implicitDerivative(lhs: lhs, rhs: rhs)
        guard slope.contains(variable: "x") || slope.contains(variable: "y") else { throw .constantDerivative }
        let keyText = try PracticeChecks.printed(slope, variables: variables)
        try PracticeChecks.checkSize(slope, text: keyText)

        let curve = CompiledExpression(lhs - rhs, variables: ["x", "y"])
        let xRange = -2.0...2.0
        let points = curvePoints(curve, xRange: xRange, yRange: -10...10)
        guard points.count >= 6 else { throw .undefinedOnDomain }
        let compiledKey = CompiledExpression(slope, variables: ["x", "y"])
        var keyValues: [Double] = []
        for point in points {
            let fx = PracticeChecks.slope({ curve.evaluate([$0, point.y]) }, at: point.x)
            let fy = PracticeChecks.slope({ curve.evaluate([point.x, $0]) }, at: point.y)
            let value: Double = compiledKey.evaluate([point.x, point.y])
            guard value.isFinite else { throw .undefinedOnDomain }
            guard PracticeChecks.agrees(estimate: -fx / fy, exact: value, scale: 1) else { throw .keyDoesNotVerify }
            keyValues.append(value)
        }

        var mistakes: [PracticeMistake] = []
        var seen = [keyValues]
        for transform in MistakeTransform.implicitSlopes(of: lhs - rhs, x: "x", y: "y") {
            let compiled = CompiledExpression(transform.result, variables: ["x", "y"])
            let values = points.map { compiled.evaluate([$0.x, $0.y]) as Double }
            // A mistake that leaves nothing defined (y′ dropped, so nothing to solve for) is no answer.
            guard values.contains(where: \.isFinite) else { continue }
            guard PracticeChecks.differ(values, keyValues) else { throw .mistakeEqualsKey }
            guard !seen.contains(where: { !PracticeChecks.differ(values, $0) }) else { continue }
            seen.append(values)
            mistakes.append(PracticeMistake(tag: transform.tag.rawValue, answer: transform.result.simplified.description))
        }

        let ys = points.map(\.y)
        let yRange = Interval(((ys.min() ?? -1) - 0.5).rounded(.down), ((ys.max() ?? 1) + 0.5).rounded(.up))
        let key = PartKey(answer: .implicit(ImplicitKey(
            equation: equation, key: keyText, x: "x", y: "y",
            xRange: Interval(xRange.lowerBound, xRange.upperBound), yRange: yRange)))
        return Draft(
            title: "implicit differentiation",
            task: "The curve `\(equation)` defines y as a function of x near each of its points. Find dy/dx, in terms of x and y.",
            partPrompt: "dy/dx on the curve \(equation).",
            kind: .implicit, function: equation, variables: ["x", "y"], key: key,
            canonical: "\(family.rawValue)/\(tier)/\(equation)",
            example: "(x^2 - 2y)/(2x - y^2)", mistakes: mistakes,
            hints: ["Differentiate both sides with respect to x, writing y′ for the derivative of y (y² gives 2y·y′), then solve for y′."])
    }

    /// Points of the curve F = 0 on eight vertical lines across `xRange`: each sign change of F
    /// along a line, refined by bisection, where F_y is not near 0 (so dy/dx exists there).
    static func curvePoints(_ curve: CompiledExpression, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        let steps = 160
        let dy = (yRange.upperBound - yRange.lowerBound) / Double(steps)
        for line in 0..<8 {
            let x0 = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(line) + 0.3819660113) / 8
            var previous: Double = curve.evaluate([x0, yRange.lowerBound])
            for step in 1...steps {
                let y1 = yRange.lowerBound + Double(step) * dy
                let value: Double = curve.evaluate([x0, y1])
                if previous.isFinite, value.isFinite, (previous < 0) != (value < 0) {
                    var low = y1 - dy, high = y1
                    let lowNegative = previous < 0
                    for _ in 0..<60 {
                        let middle = (low + high) / 2
                        if (curve.evaluate([x0, middle]) < 0) == lowNegative { low = middle } else { high = middle }
                    }
                    let y0 = (low + high) / 2
                    let fy = PracticeChecks.slope({ curve.evaluate([x0, $0]) }, at: y0)
                    if abs(fy) > 1e-2 { points.append((x0, y0)) }
                }
                previous = value
            }
        }
        return points
    }
}
