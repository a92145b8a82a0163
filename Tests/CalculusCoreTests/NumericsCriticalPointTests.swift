import Foundation
import Testing
@testable import CalculusCore

private typealias Expression = CalculusCore.Expression

struct NumericsCriticalPointTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let function: String
        let interval: ClosedRange<Double>
        let expected: [(x: Double, kind: CriticalPointKind, test: ClassificationTest)]
        var testDescription: String { function }
    }

    static let cases: [Case] = [
        Case(function: "x^4", interval: -2...2, expected: [(0, .minimum, .higherOrderDerivative(order: 4))]),
        Case(function: "x^3", interval: -2...2, expected: [(0, .neither, .higherOrderDerivative(order: 3))]),
        Case(function: "(x-1)^4", interval: -2...3, expected: [(1, .minimum, .higherOrderDerivative(order: 4))]),
        Case(function: "x^4 - 4x^3 + 6x^2", interval: -1...4, expected: [(0, .minimum, .secondDerivative)]),
        Case(function: "x^3 - 3x", interval: -3...3,
             expected: [(-1, .maximum, .secondDerivative), (1, .minimum, .secondDerivative)]),
        // Degree 6: f′ has degree 5, found by splitting at the roots of f″.
        Case(function: "x^6 - 3x^2", interval: -2...2,
             expected: [(-1, .minimum, .secondDerivative), (0, .maximum, .secondDerivative),
                        (1, .minimum, .secondDerivative)]),
        Case(function: "(x^2-1)^3", interval: -2...2,
             expected: [(-1, .neither, .higherOrderDerivative(order: 3)), (0, .minimum, .secondDerivative),
                        (1, .neither, .higherOrderDerivative(order: 3))]),
        // Not polynomials: sampled f′, Brent refinement, touching roots through f″.
        Case(function: "sin(x)", interval: 0...(2 * Double.pi),
             expected: [(Double.pi / 2, .maximum, .secondDerivative), (3 * Double.pi / 2, .minimum, .secondDerivative)]),
        Case(function: "x^2*exp(x)", interval: -3...1,
             expected: [(-2, .maximum, .secondDerivative), (0, .minimum, .secondDerivative)]),
        Case(function: "sin(x)^3", interval: -1...2,
             expected: [(0, .neither, .higherOrderDerivative(order: 3)), (Double.pi / 2, .maximum, .secondDerivative)]),
        Case(function: "(exp(x) - 1)^4", interval: -1...1, expected: [(0, .minimum, .higherOrderDerivative(order: 4))]),
        Case(function: "abs(x - 0.3)", interval: -1...1, expected: [(0.3, .minimum, .firstDerivative)]),
        Case(function: "abs(x^2 - 1)", interval: -2...2, expected: [
            (-1, .minimum, .firstDerivative), (0, .maximum, .secondDerivative), (1, .minimum, .firstDerivative),
        ]),
    ]

    @Test(arguments: cases)
    func findsAndClassifiesEveryCriticalPoint(_ example: Case) throws {
        let f = try Parser.parse(example.function, variables: ["x"])
        let points = try CriticalPoint.all(of: f, variable: "x", on: example.interval)
        try #require(points.count == example.expected.count, "\(points)")
        for (point, expected) in zip(points, example.expected) {
            #expect(abs(point.x - expected.x) < 1e-7, "\(point)")
            #expect(point.kind == expected.kind, "\(point)")
            #expect(point.decidedBy == expected.test, "\(point)")
            #expect(abs(point.value - (try f.evaluate(["x": point.x]))) < 1e-12)
        }
    }

    @Test func reportsTheDecidingTestInWords() throws {
        let points = try CriticalPoint.all(of: Parser.parse("x^4", variables: ["x"]), variable: "x", on: -1...1)
        #expect(points.map(\.decidedBy.description) == ["higher-order derivative test (order 4)"])
        #expect(ClassificationTest.secondDerivative.description == "second-derivative test")
    }

    @Test func globalExtremaComeFromCriticalPointsAndEndpoints() throws {
        let f = try Parser.parse("x^4 - 4x^3 + 6x^2", variables: ["x"])
        let extrema = try #require(try GlobalExtrema(of: f, variable: "x", on: -1...4))
        #expect(extrema.minimum == Extremum(x: 0, value: 0))
        #expect(extrema.maximum == Extremum(x: 4, value: 96))
        #expect(extrema.criticalPoints.count == 1)
    }

    @Test func globalExtremaOfSineOnAnInterval() throws {
        let extrema = try #require(try GlobalExtrema(of: Parser.parse("sin(x)", variables: ["x"]), variable: "x", on: 0...4))
        #expect(abs(extrema.maximum.x - Double.pi / 2) < 1e-9)
        #expect(abs(extrema.maximum.value - 1) < 1e-15)
        #expect(extrema.minimum == Extremum(x: 4, value: sin(4)))
    }

    /// `calc critical` asks for both from one search; it must say what the two calls say.
    @Test(arguments: [
        ("x^4 - 4x^3 + 6x^2", -1.0...4.0), ("sin(x)", 0.0...4.0), ("1/(x - 0.1234)", -1.0...1.0),
        ("abs(x - 0.3) + x^3", -1.0...1.0), ("x^3", -1.0...1.0), ("e^(-x^2) * cos(3x)", -2.0...2.0),
    ])
    func oneSearchGivesBothAnswers(_ text: String, _ interval: ClosedRange<Double>) throws {
        let f = try Parser.parse(text, variables: ["x"])
        let (points, extrema) = try GlobalExtrema.search(of: f, variable: "x", on: interval)
        #expect(points == (try CriticalPoint.all(of: f, variable: "x", on: interval)))
        #expect(extrema == (try GlobalExtrema(of: f, variable: "x", on: interval)))
        #expect(extrema.map { $0.criticalPoints == points } ?? true)
    }

    @Test func noGlobalExtremaAcrossAPole() throws {
        #expect(try GlobalExtrema(of: Parser.parse("1/(x - 0.1234)", variables: ["x"]), variable: "x", on: -1...1) == nil)
    }

    @Test func otherVariablesMustHaveValues() throws {
        #expect(throws: EvaluationError.unboundVariable("a")) {
            try CriticalPoint.all(of: Parser.parse("a*x^2"), variable: "x", on: -1...1)
        }
    }

    @Test(arguments: [
        ([6.0, -11, 6, -1], [1.0, 2, 3]),             // (x−1)(x−2)(x−3), reversed: −x³ + 6x² − 11x + 6
        ([1.0, -2, 1], [1.0]),                        // (x − 1)²
        ([1.0, 0, -2, 0, 1], [-1.0, 1]),              // (x² − 1)²
        ([6.0, -13, -2, 7, 2], [-3.0, -2, 0.5, 1]),    // 2(x−1)(x+2)(x−0.5)(x+3)
        ([0.0, 0, 0, 1], [0.0]),                      // x³
        ([1.0, 0, 1], []),                            // x² + 1
        ([-1.0, 0, 0, 0, 0, 0, 0, 1], [1.0]),         // x⁷ − 1
    ])
    func polynomialRealRoots(coefficients: [Double], roots: [Double]) {
        let found = Polynomial(coefficients: coefficients).realRoots(in: -10...10)
        #expect(found.count == roots.count, "\(found)")
        for (a, b) in zip(found, roots) { #expect(abs(a - b) < 1e-9, "\(found)") }
    }

    @Test func polynomialsAreRecognisedThroughProductsAndPowers() throws {
        let p = try #require(Polynomial(Parser.parse("(x - 1)^4 + 2*(x + pi)", variables: ["x"]), variable: "x"))
        #expect(p.coefficients == [1 + 2 * Double.pi, -2, 6, -4, 1])
        #expect(Polynomial(try Parser.parse("x^2 + sin(x)", variables: ["x"]), variable: "x") == nil)
        #expect(Polynomial(try Parser.parse("1/x", variables: ["x"]), variable: "x") == nil)
    }
}
