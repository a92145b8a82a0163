import Testing
@testable import CalculusCore

struct EquivalenceTests {
    static let checker = EquivalenceChecker()

    /// An infinite box (from a damaged store or a JSON number past Double's range) has no
    /// sample points: nothing can be concluded, and nothing crashes.
    @Test func anInfiniteDomainIsUndetermined() throws {
        let parser = Parser(variables: ["x", "y"])
        let x2 = try parser.parse("x^2"), xx = try parser.parse("x*x")
        #expect(Self.checker.judge(x2, xx, domain: ["x": -1...Double.infinity]) == .undetermined)
        let curve = try parser.parse("x^2 + y^2 - 1")
        #expect(Self.checker.judgeOnCurve(try parser.parse("-x/y"), try parser.parse("-x/y + 0"), curve: curve, x: "x", y: "y",
                                          box: (x: -.infinity...1, y: -1...1)) == .undetermined)
    }

    static func judge(_ key: String, _ answer: String, variables: Set<String> = ["x"],
                      domain: [String: ClosedRange<Double>] = [:]) throws -> Bool {
        let parser = Parser(variables: variables)
        return checker.areEquivalent(try parser.parse(key), try parser.parse(answer), domain: domain)
    }

    @Test(arguments: [
        ("3*x^2", "3x²"),
        ("x^2 - 1", "(x+1)(x-1)"),
        ("1 - tanh(x)^2", "1/cosh(x)^2"),
        ("sigmoid(x)*(1 - sigmoid(x))", "exp(-x)/(1+exp(-x))^2"),
        ("-tan(x)", "-sin(x)/cos(x)"),
        ("2*x*exp(x) + x^2*exp(x)", "x e^x (x + 2)"),
        ("1/x - 1/(x+1)", "1/(x*(x+1))"),
        ("sin(2*x)", "2 sin(x) cos(x)"),
        ("cosh(x)^2 - sinh(x)^2", "1"),
        ("exp(2*log(x))", "x^2"),
        ("gelu(x)", "x*Phi(x)"),
        ("softplus(x)", "log(1 + exp(x))"),
        ("swish(x)", "x*sigmoid(x)"),
        ("x^(1/3)", "cbrt(x)"),
    ])
    func acceptsCorrectRewrites(key: String, answer: String) throws {
        #expect(try Self.judge(key, answer))
    }

    @Test func acceptsLogRuleOnlyWherePositive() throws {
        #expect(try Self.judge("log(x^2)", "2*log(x)", domain: ["x": 0.1...5]))
        #expect(try !Self.judge("log(x^2)", "2*log(x)", domain: ["x": -5...5]))
    }

    @Test(arguments: [
        ("2*x", "2.0001*x"),
        ("2*x", "2*x + 1e-5"),
        ("3*x^2*cos(x^3)", "-3*x^2*cos(x^3)"),
        ("3*x^2*cos(x^3)", "cos(x^3)"),
        ("2*x*sin(x) + x^2*cos(x)", "2*x*cos(x)"),
        ("x", "abs(x)"),
        ("x", "sqrt(x^2)"),
        ("sin(x)", "x - x^3/6"),
        ("2*x", "2*x + relu(x - 2.5)"),
        ("2*x", "2*x + relu(x - 2.97)"),
        ("2*x", "2*x + relu(-2.97 - x)"),
        ("exp(x)", "exp(x)*(1 + 1e-9)"),
        ("1/x", "1/x + 1e-6*x"),
    ])
    func rejectsWrongAnswers(key: String, answer: String) throws {
        #expect(try !Self.judge(key, answer))
    }

    @Test func cancellationNearARootIsNotMistakenForADifference() throws {
        let expanded = "24576x^5 + 61440x^4 + 61440x^3 + 30720x^2 + 7680x + 768"
        #expect(try Self.judge("24*(4*x + 2)^5", expanded, domain: ["x": -0.9...(-0.1)]))
        #expect(try !Self.judge("24*(4*x + 2)^5", expanded + " + 1e-6", domain: ["x": -0.9...(-0.1)]))
        #expect(try !Self.judge("24*(4*x + 2)^5", expanded.replacingOccurrences(of: "768", with: "768.001"),
                                domain: ["x": -0.9...(-0.1)]))
    }

    @Test func pointsWhereAFormOverflowsAreDecidedPrecisely() throws {
        // sinh(sinh(4)) ≈ e^27 overflows nothing, but sinh(sinh(2.2²)) ≈ e^63 squared is past
        // Float80's comfort; the ball arithmetic has no exponent limit.
        let key = "tanh(sinh(x^2))"
        #expect(try Self.judge(key, "sinh(sinh(x^2))/cosh(sinh(x^2))", domain: ["x": 1...2.2]))
        // Up to x = 4, tanh(sinh(16)) is 1 − e^(−8.8 million): a difference that far below the
        // resolution (2^-3584) does not matter, so the rewriting is equivalent there too.
        let far = Self.checker.judge(try Parser.parse(key), try Parser.parse("sinh(sinh(x^2))/cosh(sinh(x^2))"), domain: ["x": 1...4])
        #expect(far == .equivalent)
        #expect(try !Self.judge(key, "-sinh(sinh(x^2))/cosh(sinh(x^2))", domain: ["x": 1...4]))
        #expect(try !Self.judge(key, "sinh(sinh(x^2))/cosh(sinh(x^2)) + 1e-7", domain: ["x": 1...4]))
    }

    @Test func functionsNearAPoleOrDomainEdgeAreDecidedWithoutFalseVerdicts() throws {
        // Near a pole of tan, or where log sits near 0, rounding is magnified: equal forms must
        // still agree, and a real difference must still be found (by the precise layer).
        #expect(try Self.judge("tan(x)", "sin(x)/cos(x)", domain: ["x": 1.55...1.5915]))
        #expect(try Self.judge("log(x)", "2*log(sqrt(x))", domain: ["x": 0.999...1.001]))
        #expect(try Self.judge("acos(x)", "pi/2 - asin(x)", domain: ["x": 0.99...0.999999]))
        #expect(try !Self.judge("tan(x)", "sin(x)/cos(x) + 1e-9", domain: ["x": 1.55...1.5915]))
        #expect(try !Self.judge("log(x)", "2*log(sqrt(x)) + 1e-12", domain: ["x": 0.999...1.001]))
        // Far from the poles a wrong answer is a counterexample at once, with its point.
        let verdict = Self.checker.judge(try Parser.parse("sec(x)^2"), try Parser.parse("2*sec(x)^2"), domain: ["x": -1...1])
        guard case .different = verdict else { Issue.record("expected a counterexample, got \(verdict)"); return }
    }

    @Test func rejectsAnswerUndefinedWhereKeyIsDefined() throws {
        #expect(try !Self.judge("x", "sqrt(x)^2", domain: ["x": -2...2]))
        #expect(try Self.judge("x", "sqrt(x)^2", domain: ["x": 0.5...2]))
    }

    @Test func comparesMultivariableExpressions() throws {
        let variables: Set<String> = ["x", "y", "w1", "w2"]
        #expect(try Self.judge("(w2*sigmoid(w1*x) - y)*sigmoid(w1*x)",
                               "w2 σ(w1 x)² - y σ(w1 x)", variables: variables))
        #expect(try !Self.judge("(w2*sigmoid(w1*x) - y)*sigmoid(w1*x)",
                                "(w2*sigmoid(w1*x) + y)*sigmoid(w1*x)", variables: variables))
    }

    @Test func verdictIsDeterministic() throws {
        let parser = Parser(variables: ["x"])
        let key = try parser.parse("sin(x)/x")
        let answer = try parser.parse("sin(x)/x + 1e-7*abs(x - 1)")
        let first = Self.checker.judge(key, answer)
        for _ in 0..<5 { #expect(Self.checker.judge(key, answer) == first) }
        #expect(!first.isEquivalent)
    }

    @Test func comparesOnACurve() throws {
        let parser = Parser(variables: ["x", "y"])
        let (lhs, rhs) = try parser.parseEquation("x^3 + y^3 = 6xy")
        let curve = lhs - rhs
        let key = try parser.parse("(2y - x^2)/(y^2 - 2x)")
        let box = (x: -4.0...4.0, y: -4.0...4.0)
        // Off the curve these differ; on it, x^3 + y^3 = 6xy makes them agree.
        let onCurve = try parser.parse("(2y - x^2)/(y^2 - 2x) + (x^3 + y^3 - 6x y)")
        #expect(Self.checker.judgeOnCurve(key, onCurve, curve: curve, x: "x", y: "y", box: box) == .equivalent)
        let sameForm = try parser.parse("(x^2 - 2y)/(2x - y^2)")
        #expect(Self.checker.judgeOnCurve(key, sameForm, curve: curve, x: "x", y: "y", box: box) == .equivalent)
        let wrong = try parser.parse("(2y - x^2)/(y^2 + 2x)")
        #expect(!Self.checker.judgeOnCurve(key, wrong, curve: curve, x: "x", y: "y", box: box).isEquivalent)
        let signError = try parser.parse("-(2y - x^2)/(y^2 - 2x)")
        #expect(!Self.checker.judgeOnCurve(key, signError, curve: curve, x: "x", y: "y", box: box).isEquivalent)
    }

    /// Sampled curve points are reused only for the same curve, box and seed, and the cache
    /// keeps the most recently used few.
    @Test func curvePointsAreReusedOnlyForTheSameCurveBoxAndSeed() throws {
        let cache = CurvePointCache(capacity: 2)
        let parser = Parser(variables: ["x", "y"])
        let circle = try parser.parse("x^2 + y^2 - 1")
        let ellipse = try parser.parse("x^2 + 2y^2 - 1")
        let box = (x: -2.0...2.0, y: -2.0...2.0)
        var samples = 0
        func points(_ curve: Expression, _ box: (x: ClosedRange<Double>, y: ClosedRange<Double>), _ seed: UInt64) -> Int {
            cache.points(curve: curve, box: box, seed: seed) {
                samples += 1
                return CurveSampler(curve: curve, names: ["x", "y"], box: box, seed: seed).points()
            }.count
        }
        let first = points(circle, box, 1)
        #expect(first > 0 && samples == 1)
        #expect(points(circle, box, 1) == first && samples == 1)
        _ = points(circle, box, 2)
        #expect(samples == 2)
        // Used again, seed 1 is now the most recent; a third entry evicts seed 2.
        #expect(points(circle, box, 1) == first && samples == 2)
        _ = points(circle, (x: -3.0...3.0, y: -2.0...2.0), 1)
        #expect(samples == 3)
        _ = points(circle, box, 1)
        #expect(samples == 3)
        _ = points(ellipse, box, 1)
        #expect(samples == 4)
        _ = points(circle, box, 2)
        #expect(samples == 5)
    }
}
