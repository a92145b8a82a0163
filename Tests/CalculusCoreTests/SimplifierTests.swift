import Testing
@testable import CalculusCore

struct SimplifierTests {
    @Test(arguments: [
        // constant folding
        ("2 + 3*4", "14"), ("1/2 + 1/3", "5/6"), ("2.0*x", "2*x"), ("0.5*x + 0.25*x", "0.75*x"),
        ("4^(1/2)", "2"), ("(-8)^(1/3)", "-2"), ("sqrt(9/4)", "3/2"), 
        ("sin(0) + cos(0)", "1"), ("log(e)", "1"), ("exp(0)", "1"), ("abs(-3)", "3"),
        // flattening and like terms
        ("2*x + 3*x", "5*x"), ("x + 1 - x", "1"), ("x*y + y*x", "2*x*y"), ("3*(4*x^3)", "12*x^3"),
        ("sin(x) + 2*sin(x) - 3*sin(x)", "0"), ("(x + y) + (x - y)", "2*x"),
        // like powers
        ("x*x^2", "x^3"), ("x^a*x^b", "x^(a + b)"), ("x^2/x", "x"), ("x/x", "1"),
        ("sqrt(x)^2", "x"), ("(x^3)^2", "x^6"), ("(2*x)^3", "8*x^3"), ("e^x*e^(2*x)", "e^(3*x)"),
        ("(e^x)^y", "e^(x*y)"),
        // 0/1 identities
        ("0*sin(x) + 1*x", "x"), ("x^1", "x"), ("x^0", "1"), ("1^x", "1"), ("x + 0", "x"),
        ("log(exp(x))", "x"),
        // distribution and expansion
        ("-(x - 1)", "1 - x"), ("2*(x + 1) + x", "3*x + 2"), ("2*x*(x - 1) + x^2 + 1", "3*x^2 - 2*x + 1"),
        ("(x + 1)*(x - 1)", "(x - 1)*(x + 1)"), ("(4*x + 2)*sin(x)/2", "sin(x)*(2*x + 1)"),
        ("(-3*x^2 - 3)*sin(x)", "-3*sin(x)*(x^2 + 1)"),
        ("(x^2 + 1)^x*(log(x) + 1)", "(x^2 + 1)^x*(log(x) + 1)"),
        // ordering
        ("1 + x^2", "x^2 + 1"), ("7 - 2x^2 + 3x^4", "3*x^4 - 2*x^2 + 7"), ("1 - sigmoid(x)", "1 - sigmoid(x)"),
        ("erf(x) + 1", "erf(x) + 1"), ("1 - x^2", "1 - x^2"), ("x^(5/2) + 2 + 1/x", "x^(5/2) + 2 + 1/x"),
        ("sin(x)*x^2*3", "3*x^2*sin(x)"), ("tan(x)*sec(x)", "sec(x)*tan(x)"), ("e^x*x", "x*e^x"),
        ("y^2 + x*y + x^2", "x^2 + x*y + y^2"), ("x*pi*2", "2*pi*x"),
        // kept: not identities on the whole domain, or already canonical
        ("sqrt(x^2)", "sqrt(x^2)"), ("(x^2)^(1/2)", "(x^2)^(1/2)"), ("log(x^2)", "log(x^2)"),
        ("e^x", "e^x"), ("exp(x)", "exp(x)"),
    ])
    func rewritesToCanonicalForm(input: String, expected: String) throws {
        let e = try Parser.parse(input)
        #expect(e.simplified.description == expected)
    }

    @Test func foldsExactRootsAndKeepsInexactOnes() {
        let root2 = Expression.power(.integer(2), .fraction(1, 2))
        #expect(Simplifier().simplify(root2).description == "2^(1/2)")
        #expect(Simplifier().simplify(.product([root2, root2])).description == "2")
        #expect(Simplifier().simplify(.power(.integer(27), .fraction(2, 3))).description == "9")
    }

    /// Random trees built through the constructors, with moderate constants so that values in
    /// Double are trustworthy enough to compare.
    static func randomExpression(_ generator: inout SplitMix64, depth: Int) -> Expression {
        if depth == 0 || generator.next() % 4 == 0 {
            switch generator.next() % 6 {
            case 0: return .variable("x")
            case 1: return .variable("y")
            case 2: return .integer(Int(generator.next() % 9) - 4)
            case 3: return .fraction(Int64(generator.next() % 7) + 1, Int64(generator.next() % 5) + 2)
            case 4: return .real([0.5, 1e-05, 2.25, -0.125][Int(generator.next() % 4)])
            default: return .constant(generator.next() % 2 == 0 ? .e : .pi)
            }
        }
        let a = randomExpression(&generator, depth: depth - 1)
        let b = randomExpression(&generator, depth: depth - 1)
        switch generator.next() % 8 {
        case 0, 1: return a + b
        case 2: return a - b
        case 3: return a * b
        case 4: return a / b
        case 5: return .power(a, to: generator.next() % 2 == 0 ? b : .integer(Int(generator.next() % 4) + 2))
        case 6: return -a
        default:
            let functions = Function.allCases
            return .call(functions[Int(generator.next() % UInt64(functions.count))], a)
        }
    }

    /// Whether the tree divides by zero (so its value is not defined, even if Double gives one).
    static func dividesByZero(_ e: Expression) -> Bool {
        switch e {
        case let .power(.number(b), .number(p)) where b.isZero && p.isNegative: return true
        case .number, .variable, .constant: return false
        case let .sum(items), let .product(items): return items.contains(where: dividesByZero)
        case let .power(b, p): return dividesByZero(b) || dividesByZero(p)
        case let .call(_, u): return dividesByZero(u)
        }
    }

    /// Whether the tree holds a power of two numbers, which the parser folds into a real
    /// (`2^(2/3)` reads back as `1.5874...`), so that printing cannot round-trip it.
    static func holdsNumericPower(_ e: Expression) -> Bool {
        switch e {
        case .power(.number, .number): return true
        case .number, .variable, .constant: return false
        case let .sum(items), let .product(items): return items.contains(where: holdsNumericPower)
        case let .power(b, p): return holdsNumericPower(b) || holdsNumericPower(p)
        case let .call(_, u): return holdsNumericPower(u)
        }
    }

    @Test func isIdempotentAndStableUnderPrinting() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let e = Self.randomExpression(&generator, depth: 4)
            let once = e.simplified
            #expect(once.simplified == once, "\(e) → \(once) → \(once.simplified)")
            guard !Self.dividesByZero(once), !Self.holdsNumericPower(once) else { continue }
            let reparsed = try Parser.parse(once.description).simplified
            #expect(reparsed == once, "\(once) printed and read back simplifies to \(reparsed)")
        }
    }

    /// Whether every subexpression has a finite value at the point: a tree is not defined where
    /// a part is not, even when IEEE arithmetic gives the whole a value (`tanh(1/0) = 1`, `1^nan = 1`).
    static func isDefinedThroughout(_ e: Expression, at point: [Double]) -> Bool {
        guard CompiledExpression(e, variables: ["x", "y"]).evaluate(point).isFinite else { return false }
        switch e {
        case .number, .variable, .constant: return true
        case let .sum(items), let .product(items): return items.allSatisfy { isDefinedThroughout($0, at: point) }
        case let .power(b, p): return isDefinedThroughout(b, at: point) && isDefinedThroughout(p, at: point)
        case let .call(_, u): return isDefinedThroughout(u, at: point)
        }
    }

    /// Compares values where the input is defined and well conditioned (its Double and
    /// extended-precision values agree), in extended precision.
    static func expectSameValues(_ e: Expression, _ s: Expression, at points: [[Double]]) -> Int {
        guard !dividesByZero(e) else { return 0 }
        let (before, after) = (CompiledExpression(e, variables: ["x", "y"]), CompiledExpression(s, variables: ["x", "y"]))
        var compared = 0
        for point in points where isDefinedThroughout(e, at: point) {
            let precise = point.map { PreciseReal($0) }
            let (rough, u, v) = (before.evaluate(point), before.evaluate(precise), after.evaluate(precise))
            guard u.isFinite, abs(u) < 1e12, abs(PreciseReal(rough) - u) <= 1e-12 * max(1, abs(u)) else { continue }
            compared += 1
            #expect(abs(u - v) <= 1e-9 * max(1, abs(u)), "\(e) → \(s) at \(point): \(u) vs \(v)")
        }
        return compared
    }

    /// Simplification may fill in points where the input is undefined, never change a defined value.
    @Test func neverChangesValuesWhereDefined() throws {
        var generator = SplitMix64(seed: 2024)
        // Not simple fractions: at y = 0.4, `y - 2/5` is 0 in Double but `5*y - 2` is not.
        let points: [[Double]] = [[0.7133, 1.9071], [-1.3179, 0.4123], [2.6047, -0.8231], [0.0517, 3.1093], [-2.2311, -1.7089]]
        var compared = 0
        for _ in 0..<5000 {
            let e = Self.randomExpression(&generator, depth: 4)
            compared += Self.expectSameValues(e, e.simplified, at: points)
        }
        #expect(compared > 5000)
    }

    @Test func derivativesOfGeneratedExpressionsKeepTheirValues() throws {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            let d = Self.randomExpression(&generator, depth: 3).derivative(withRespectTo: "x")
            _ = Self.expectSameValues(d, d.simplified, at: [[0.7133, 1.9071], [-1.3179, 0.4123], [2.6047, -0.8231]])
        }
    }
}
