import CalculusCore
import CourseModels
import Foundation
import Grading
import Practice
import Testing

/// The deployment bar: for every family and tier, many seeds, each item checked by means other
/// than the ones that made it.
///
/// 1,000 seeds per family and tier in a release build (`swift test -c release --filter
/// PracticeDeploymentTests`); a debug build runs the first 100 (`PRACTICE_SEEDS=1000 swift test --filter PracticeDeploymentTests` runs the full bar there in a few minutes), so the normal test run stays
/// quick. `PRACTICE_SEEDS=N` sets the count either way.
struct PracticeDeploymentTests {
    static var seedCount: UInt64 {
        if let text = ProcessInfo.processInfo.environment["PRACTICE_SEEDS"], let count = UInt64(text) { return count }
        #if DEBUG
        return 100
        #else
        return 1_000
        #endif
    }

    static let cases: [(PracticeFamily, Int)] = PracticeFamily.allCases.flatMap { family in
        PracticeFamily.tiers.map { (family, $0) }
    }

    @Test(arguments: cases)
    func everySeedGivesACheckedItem(family: PracticeFamily, tier: Int) throws {
        let grader = PartGrader()
        var canonical: Set<String> = []
        for seed in 0..<Self.seedCount {
            let spec = PracticeSpec(family: family.rawValue, tier: tier, version: PracticeGenerator.version, seed: seed &* 0x9E37_79B9)
            let item = try PracticeGenerator.item(spec)
            let where_ = "\(family.rawValue) tier \(tier) seed \(spec.seedText)"

            // Deterministic: the same spec twice gives the same bytes.
            let again = try PracticeGenerator.item(spec)
            #expect(try Self.bytes(item.exercise) == Self.bytes(again.exercise), "\(where_)")
            #expect(item.exercise.id == spec.exerciseID)

            // The prompt shows the function, and it reads back as itself.
            #expect(item.exercise.prompt.contains("`\(item.function)`"), "\(where_)")
            try Self.checkParsesBack(item)

            // The key verifies numerically, by a method other than the generator's.
            try IndependentCheck.verify(item, where: where_)

            // Every named mistake is not the key: for derivatives by evaluating both (independent of
            // the generator's check), and by the grader; the grader's search for the mistake's name
            // is the costly part, so it runs on every 10th seed (every 50th for the name itself).
            #expect(!item.mistakes.isEmpty, "\(where_): no mistake to name")
            let costly = item.part.kind == .expression || item.part.kind == .implicit
            for mistake in item.mistakes {
                if case let .expression(key) = item.key.answer {
                    #expect(try IndependentCheck.differs(mistake.answer, from: key), "\(where_): mistake \(mistake.tag) equals the key")
                }
                if !costly || seed % 10 == 0 {
                    let grade = grader.grade(mistake.answer, part: item.part)
                    #expect(grade.verdict == .incorrect, "\(where_): mistake \(mistake.tag) '\(mistake.answer)' graded \(grade.verdict)")
                    if seed % 50 == 0 {
                        #expect(grade.mistake == mistake.tag, "\(where_): '\(mistake.answer)' named \(grade.mistake ?? "nothing"), not \(mistake.tag)")
                    }
                }
            }
            // The key itself is graded right.
            if !costly || seed % 10 == 0, let display = item.key.displayText {
                #expect(grader.grade(display, part: item.part).verdict == .correct, "\(where_): the key '\(display)' is not accepted")
            }
            #expect(item.rejectedDraws < PracticeGenerator.maximumDraws)
            canonical.insert(item.canonicalKey)
        }
        // Enough distinct questions that the last 20 can always be avoided.
        #expect(canonical.count >= min(25, Int(Self.seedCount) / 2), "\(family.rawValue) tier \(tier): only \(canonical.count) distinct items")
    }

    static func bytes(_ exercise: Exercise) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(exercise)
    }

    static func checkParsesBack(_ item: PracticeItem) throws {
        let parser = Parser(variables: Set(item.variables))
        if item.family == .implicitDifferentiation {
            let (lhs, rhs) = try parser.parseEquation(item.function)
            #expect(lhs.description + " = " + rhs.description == item.function)
        } else {
            #expect(try parser.parse(item.function).description == item.function)
        }
    }
}

/// Checks a key the way a careful person with a calculator would, without the symbolic
/// derivative or the generator's own numeric check: five-point stencils, re-solving the curve,
/// sampling f around each critical point, recomputing each quotient from its formula.
enum IndependentCheck {
    /// f′(x) by the five-point stencil, error O(h⁴·f⁽⁵⁾) + O(ε·f/h): h = 10⁻⁴ keeps both small
    /// for the steep nested functions of the higher tiers.
    static func stencil(_ f: (Double) -> Double, at x: Double) -> Double {
        let h = 1e-4 * max(1, abs(x))
        return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)
    }

    static func close(_ a: Double, _ b: Double, _ relative: Double = 1e-6) -> Bool {
        abs(a - b) <= relative * max(1, abs(a), abs(b))
    }

    static func verify(_ item: PracticeItem, where place: String) throws {
        switch item.key.answer {
        case let .expression(key):
            let f = try Parser(variables: ["x"]).parse(item.function)
            let derivative = try Parser(variables: ["x"]).parse(key.key)
            #expect(derivative.contains(variable: "x"), "\(place): constant derivative")
            #expect(key.key.count <= PracticeBounds.keyCharacters, "\(place): key too long")
            #expect(!key.key.contains("."), "\(place): a decimal in the key \(key.key)")
            let domain = try #require(key.domain["x"])
            for index in 0...40 {
                let x = domain.lower + (domain.upper - domain.lower) * (Double(index) + 0.5) / 41
                let exact = try derivative.evaluate(["x": x])
                let estimate = stencil({ (try? f.evaluate(["x": $0])) ?? .nan }, at: x)
                #expect(exact.isFinite, "\(place): key undefined at x = \(x)")
                #expect(close(estimate, exact, 1e-5), "\(place): key \(exact) vs stencil \(estimate) at x = \(x)")
            }
            if item.family == .chainRule { #expect(!appliesToBareX(f), "\(place): an inner function is x itself") }
        case let .implicit(key):
            let parser = Parser(variables: ["x", "y"])
            let (lhs, rhs) = try parser.parseEquation(key.equation)
            let curve = lhs - rhs
            let slope = try parser.parse(key.key)
            func F(_ x: Double, _ y: Double) -> Double { (try? curve.evaluate(["x": x, "y": y])) ?? .nan }
            var checked = 0
            for index in 0..<12 {
                let x0 = key.xRange.lower + (key.xRange.upper - key.xRange.lower) * (Double(index) + 0.5) / 12
                guard let y0 = root(of: { F(x0, $0) }, in: key.yRange.lower...key.yRange.upper) else { continue }
                // y(x) near x0: the root of F(x, ·) next to y0, on both sides.
                let h = 1e-5
                guard let up = root(of: { F(x0 + h, $0) }, in: (y0 - 0.05)...(y0 + 0.05)),
                      let down = root(of: { F(x0 - h, $0) }, in: (y0 - 0.05)...(y0 + 0.05)) else { continue }
                let estimate = (up - down) / (2 * h)
                let exact = try slope.evaluate(["x": x0, "y": y0])
                // Near a vertical tangent y(x) bends too fast for a difference of two roots to check.
                guard abs(exact) < 10 else { continue }
                #expect(close(estimate, exact, 1e-4), "\(place): dy/dx \(exact) vs \(estimate) at (\(x0), \(y0))")
                checked += 1
            }
            #expect(checked >= 2, "\(place): too few points of the curve to check")
        case let .criticalPoints(points, _):
            let f = try Parser(variables: ["x"]).parse(item.function)
            func value(_ x: Double) -> Double { (try? f.evaluate(["x": x])) ?? .nan }
            #expect(!points.isEmpty)
            for point in points {
                #expect(abs(stencil(value, at: point.x)) < 1e-6, "\(place): f′(\(point.x)) is not 0")
                let (l, m, r) = (value(point.x - 1e-2), value(point.x), value(point.x + 1e-2))
                let kind: CriticalPointKey.Kind = l > m && r > m ? .minimum : (l < m && r < m ? .maximum : .neither)
                #expect(kind == point.kind, "\(place): x = \(point.x) is \(kind), key says \(point.kind)")
            }
            // No other point where f′ changes sign, on a fine grid over the prompt's interval.
            let xs = points.map(\.x)
            var changes = 0
            var previous = stencil(value, at: (xs.min() ?? 0) - 0.9)
            for index in 1...4000 {
                let x = (xs.min() ?? 0) - 0.9 + Double(index) * ((xs.max() ?? 0) - (xs.min() ?? 0) + 1.8) / 4000
                let slope = stencil(value, at: x)
                if (slope < 0) != (previous < 0), abs(slope) > 1e-9, abs(previous) > 1e-9 { changes += 1 }
                if abs(slope) > 1e-9 { previous = slope }
            }
            #expect(changes == points.filter { $0.kind != .neither }.count, "\(place): f′ changes sign \(changes) times")
        case .number, .numbers:
            let values: [Double]
            if case let .number(value, _) = item.key.answer { values = [value] } else if case let .numbers(list, _, _) = item.key.answer { values = list } else { values = [] }
            let f = try Parser(variables: Set(item.variables)).parse(item.function)
            if item.family == .finiteDifferences {
                let x0 = try #require(item.given["x0"]), h = try #require(item.given["h"])
                func value(_ x: Double) -> Double { (try? f.evaluate(["x": x])) ?? .nan }
                let forward = (value(x0 + h) - value(x0)) / h
                let backward = (value(x0) - value(x0 - h)) / h
                let centered = (value(x0 + h) - value(x0 - h)) / (2 * h)
                let exact = stencil(value, at: x0)
                let prompt = item.exercise.prompt
                switch item.spec.tier {
                case 1:
                    let expected = prompt.contains("forward difference") ? forward : backward
                    #expect(close(values[0], expected, 1e-9), "\(place): \(values[0]) vs \(expected)")
                case 2:
                    #expect(close(values[0], centered, 1e-9), "\(place): \(values[0]) vs \(centered)")
                default:
                    let expected = [forward, centered, abs(forward - exact), abs(centered - exact)]
                    for (v, e) in zip(values, expected) { #expect(abs(v - e) <= 1e-7 * max(1, abs(e)), "\(place): \(values) vs \(expected)") }
                }
            } else {
                let weights = item.variables.filter { $0.hasPrefix("w") || $0 == "b" }.sorted { a, b in
                    // The order the question asks: w (or w1, w2), then b.
                    (a == "b" ? 1 : 0, a) < (b == "b" ? 1 : 0, b)
                }
                #expect(weights.count == values.count, "\(place): \(weights) for \(values)")
                for (name, key) in zip(weights, values) {
                    let estimate = stencil({ moved in
                        var point = item.given
                        point[name] = moved
                        return (try? f.evaluate(point)) ?? .nan
                    }, at: item.given[name] ?? 0)
                    #expect(close(estimate, key, 1e-6), "\(place): ∂L/∂\(name) \(key) vs stencil \(estimate)")
                    #expect(abs(key) >= 1e-3, "\(place): a zero gradient")
                }
            }
            for v in values { #expect(v.isFinite && abs(v) <= PracticeBounds.keyMagnitude, "\(place): \(v) out of bounds") }
        default:
            Issue.record("\(place): unexpected key kind")
        }
    }

    /// Whether the answer `text` differs from the expression key somewhere on its domain.
    static func differs(_ text: String, from key: ExpressionKey) throws -> Bool {
        let parser = Parser(variables: ["x"])
        let answer = try parser.parse(text), exact = try parser.parse(key.key)
        guard let domain = key.domain["x"] else { return false }
        return (0...40).contains { index in
            let x = domain.lower + (domain.upper - domain.lower) * (Double(index) + 0.5) / 41
            let a = (try? answer.evaluate(["x": x])) ?? .nan, k = (try? exact.evaluate(["x": x])) ?? .nan
            return a.isFinite != k.isFinite || (a.isFinite && abs(a - k) > 1e-7 * max(1, abs(k)))
        }
    }

    /// A root of `g` in `range`: the first sign change on a grid of 400, refined by bisection.
    static func root(of g: (Double) -> Double, in range: ClosedRange<Double>) -> Double? {
        let steps = 400
        let width = (range.upperBound - range.lowerBound) / Double(steps)
        var previous = g(range.lowerBound)
        for step in 1...steps {
            let b = range.lowerBound + Double(step) * width
            let value = g(b)
            if previous.isFinite, value.isFinite, (previous < 0) != (value < 0) {
                var low = b - width, high = b
                let negativeLow = previous < 0
                for _ in 0..<80 {
                    let middle = (low + high) / 2
                    if (g(middle) < 0) == negativeLow { low = middle } else { high = middle }
                }
                return (low + high) / 2
            }
            previous = value
        }
        return nil
    }

    /// Whether a function is applied to x itself, or f is a plain power of x: an inner function equal to x.
    static func appliesToBareX(_ e: CalculusCore.Expression) -> Bool {
        if case .power(.variable("x"), _) = e { return true }
        return callsBareX(e)
    }

    static func callsBareX(_ e: CalculusCore.Expression) -> Bool {
        switch e {
        case .number, .variable, .constant: return false
        case let .sum(items), let .product(items): return items.contains(where: callsBareX)
        case let .power(base, exponent): return callsBareX(base) || callsBareX(exponent)
        case let .call(_, argument): return argument == .variable("x") || callsBareX(argument)
        }
    }
}
