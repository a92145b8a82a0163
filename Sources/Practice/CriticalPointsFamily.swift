import CalculusCore
import Grading

/// "Find and classify every critical point": a polynomial built from its critical points
/// (integers), so the key is exact; the engine must find the same points with the same
/// classification, and each is checked numerically (f′ ≈ 0 by a centered difference, the type
/// by comparing f on both sides).
enum CriticalPointsFamily {
    static let x = Expression.variable("x")

    static func draft(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        func p(_ n: Int) -> Expression { .power(x, to: .integer(n)) }
        func c(_ n: Int) -> Expression { .integer(n) }
        let f: Expression
        var points: [CriticalPointKey]
        switch tier {
        case 1:
            // a(x − r)² + k, expanded.
            let a = rng.nonzero(upTo: 4), r = rng.integer(-4...4), k = rng.integer(-9...9)
            f = c(a) * p(2) + c(-2 * a * r) * x + c(a * r * r + k)
            points = [CriticalPointKey(x: Double(r), kind: a > 0 ? .minimum : .maximum)]
        case 2:
            // f′ = 6a(x − r1)(x − r2).
            let a = rng.nonzero(upTo: 2), d = rng.integer(-9...9)
            let r1 = rng.integer(-3...2), r2 = rng.integer((r1 + 1)...3)
            f = c(2 * a) * p(3) + c(-3 * a * (r1 + r2)) * p(2) + c(6 * a * r1 * r2) * x + c(d)
            points = [CriticalPointKey(x: Double(r1), kind: a > 0 ? .maximum : .minimum),
                      CriticalPointKey(x: Double(r2), kind: a > 0 ? .minimum : .maximum)]
        default:
            let s = rng.coin() ? 1 : -1, d = rng.integer(-9...9)
            if rng.coin() {
                // f′ = 12s(x − r1)(x − r2)(x − r3).
                let r1 = rng.integer(-3...1), r2 = rng.integer((r1 + 1)...2), r3 = rng.integer((r2 + 1)...3)
                let e1 = r1 + r2 + r3, e2 = r1 * r2 + r1 * r3 + r2 * r3, e3 = r1 * r2 * r3
                f = c(3 * s) * p(4) + c(-4 * s * e1) * p(3) + c(6 * s * e2) * p(2) + c(-12 * s * e3) * x + c(d)
                points = [CriticalPointKey(x: Double(r1), kind: s > 0 ? .minimum : .maximum),
                          CriticalPointKey(x: Double(r2), kind: s > 0 ? .maximum : .minimum),
                          CriticalPointKey(x: Double(r3), kind: s > 0 ? .minimum : .maximum)]
            } else {
                // f′ = 12s(x − r)²(x − q): neither at r.
                let r = rng.integer(-3...3)
                var q = rng.integer(-3...2)
                if q >= r { q += 1 }
                f = c(3 * s) * p(4) + c(-4 * s * (2 * r + q)) * p(3) + c(6 * s * (r * r + 2 * r * q)) * p(2)
                    + c(-12 * s * r * r * q) * x + c(d)
                points = [CriticalPointKey(x: Double(r), kind: .neither), CriticalPointKey(x: Double(q), kind: s > 0 ? .minimum : .maximum)]
                points.sort { $0.x < $1.x }
            }
        }
        let lower = Double(Int(points[0].x) - rng.integer(1...2)), upper = Double(Int(points[points.count - 1].x) + rng.integer(1...2))
        return try checked(f, points: points, interval: lower...upper, tier: tier)
    }

    static func checked(_ f: Expression, points: [CriticalPointKey], interval: ClosedRange<Double>, tier: Int) throws(PracticeRejection) -> Draft {
        let text = try PracticeChecks.printed(f, variables: ["x"])
        guard PracticeChecks.numbersWithinBounds(f), text.count <= PracticeBounds.keyCharacters else { throw .numberOutOfBounds }
        // The engine must find exactly the constructed points, classified the same way.
        guard let found = try? CriticalPoint.all(of: f, variable: "x", on: interval), found.count == points.count,
              zip(found, points).allSatisfy({ abs($0.x - $1.x) <= 1e-7 && $0.kind.rawValue == $1.kind.rawValue }) else {
            throw .degenerate
        }
        let compiled = CompiledExpression(f, variables: ["x"])
        func value(_ at: Double) -> Double { compiled.evaluate([at]) }
        for point in points {
            let slope = PracticeChecks.slope(value, at: point.x)
            guard abs(slope) <= 1e-5 * max(1, abs(value(point.x))) else { throw .keyDoesNotVerify }
            let (left, middle, right) = (value(point.x - 0.05), value(point.x), value(point.x + 0.05))
            let kind: CriticalPointKey.Kind = left > middle && right > middle ? .minimum
                : (left < middle && right < middle ? .maximum : .neither)
            guard kind == point.kind else { throw .keyDoesNotVerify }
        }
        try PracticeChecks.checkMagnitudes(points.map { value($0.x) })

        func written(_ list: [CriticalPointKey]) -> String {
            list.map { "x = \(AnswerNotation.show($0.x)): \($0.kind == .neither ? "neither" : "local " + $0.kind.rawValue)" }
                .joined(separator: "; ")
        }
        var mistakes: [PracticeMistake] = []
        if let index = points.firstIndex(where: { $0.kind != .neither }) {
            var swapped = points
            swapped[index].kind = points[index].kind == .minimum ? .maximum : .minimum
            mistakes.append(PracticeMistake(tag: MistakeTag.wrongClassification.rawValue, answer: written(swapped)))
        }
        if points.count > 1 {
            mistakes.append(PracticeMistake(tag: MistakeTag.missedCriticalPoint.rawValue, answer: written(Array(points.dropLast()))))
        }
        // A point of the interval that is not critical, such as an endpoint.
        let extra = CriticalPointKey(x: interval.lowerBound, kind: .minimum)
        mistakes.append(PracticeMistake(tag: MistakeTag.extraCriticalPoint.rawValue, answer: written(points + [extra])))

        let key = PartKey(answer: .criticalPoints(points: points, tolerance: Tolerance(relative: 1e-6, absolute: 1e-6)))
        let range = "[\(AnswerNotation.show(interval.lowerBound)), \(AnswerNotation.show(interval.upperBound))]"
        return Draft(
            title: "critical points",
            task: "Let f(x) = `\(text)`. Find every critical point of f in \(range) and classify each one as a local minimum, a local maximum or neither.",
            partPrompt: "Find and classify every critical point of \(text) in \(range).",
            kind: .criticalPoints, function: text, variables: ["x"], key: key,
            canonical: "\(PracticeFamily.criticalPoints.rawValue)/\(tier)/\(text)/\(range)",
            example: "x = -7: local maximum; x = 9: neither", mistakes: mistakes,
            hints: ["Solve f′(x) = 0: factor f′ (its roots are integers).",
                    "Classify with the sign of f″, or with the sign of f′ on each side when f″ = 0."])
    }
}
