import Foundation
import Testing
@testable import CalculusCore

private typealias Expression = CalculusCore.Expression

struct NumericsFiniteDifferenceTests {
    private func parse(_ text: String) throws -> Expression { try Parser.parse(text, variables: ["x"]) }

    @Test func sigmoidSlopeAtZeroIsOneQuarter() throws {
        let f = try parse("sigmoid(x)")
        let estimate = try FiniteDifference.estimate(f, variable: "x", at: ["x": 0], method: .centered, step: 1e-5)
        #expect(abs(estimate - 0.25) < 1e-10)
        #expect(try f.forwardModeDerivative(withRespectTo: "x", at: ["x": 0]) == 0.25)
    }

    @Test(arguments: [-2.0, 2.0])
    func sigmoidSlopeAtTwoMatchesKnownValue(x: Double) throws {
        let estimate = try FiniteDifference.estimate(try parse("sigmoid(x)"), variable: "x", at: ["x": x],
                                                     method: .centered, step: 1e-5)
        #expect(abs(estimate - 0.104994) < 5e-7)
    }

    /// f(x) = x·ln(x + e^(−x)) at 1: the centered estimate improves from h = 1e-1 to 1e-5, then
    /// round-off (ε·|f|/h) makes 1e-10 and 1e-15 worse.
    @Test func centeredErrorIsSmallestAtOneEMinusFive() throws {
        let f = try parse("x*ln(x + e^(-x))")
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": 1])
        #expect(abs(exact - 0.7753788) < 5e-8)
        let steps = [1e-1, 1e-5, 1e-10, 1e-15]
        let errors = try steps.map { h in
            abs(try FiniteDifference.estimate(f, variable: "x", at: ["x": 1], method: .centered, step: h) - exact)
        }
        #expect(errors.firstIndex(of: errors.min()!) == 1)
        #expect(errors[0] > 1e-4 && errors[0] < 1e-2)  // truncation, about h²/6·|f‴|
        #expect(errors[1] < 1e-9)
        #expect(errors[3] > 1e-3)  // round-off dominates at 1e-15
    }

    static let smoothFunctions: [(String, Double)] = [
        ("sin(x)", 0.7), ("exp(x)", 0.3), ("x*ln(x + e^(-x))", 1), ("sigmoid(x)", 0.5),
        ("x^3 + 2*x", 1.3), ("atan(x)/(1 + x^2)", 0.4),
    ]

    /// Halving h in the truncation-dominated range divides the error by 2^p: about 4 for
    /// centered (p = 2) and about 2 for forward and backward (p = 1). Measured, not assumed.
    @Test(arguments: smoothFunctions)
    func errorOrderIsMeasuredByHalving(text: String, x: Double) throws {
        let f = try parse(text)
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": x])
        for method in FiniteDifference.allCases {
            let steps = [1e-2, 5e-3, 2.5e-3, 1.25e-3]
            let errors = try steps.map { h in
                abs(try FiniteDifference.estimate(f, variable: "x", at: ["x": x], method: method, step: h) - exact)
            }
            let expected = pow(2, Double(method.errorOrder))
            for (coarse, fine) in zip(errors, errors.dropFirst()) {
                let ratio = coarse / fine
                #expect(abs(ratio - expected) < 0.15 * expected, "\(method) on \(text): ratio \(ratio)")
            }
        }
    }

    @Test(arguments: smoothFunctions)
    func richardsonAndComplexStepBeatCenteredAtTheirBestStep(text: String, x: Double) throws {
        let f = try parse(text)
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": x])
        let sweep = try StepSweep(f, variable: "x", at: ["x": x], reference: exact)
        let centered = bestError(sweep, .centered)
        let richardson = bestError(sweep, .richardson)
        let complex = bestError(sweep, .complex)
        #expect(richardson < centered)
        #expect(complex < centered)
        #expect(complex <= 1e-15 * max(1, abs(exact)))
    }

    private func bestError(_ sweep: StepSweep, _ method: NumericDerivativeMethod) -> Double {
        sweep.bestRow(for: method)?.errors[method] ?? .infinity
    }

    @Test func optimalStepsBalanceTruncationAndRoundOff() {
        #expect(abs(FiniteDifference.forward.optimalStep(at: 0) - 1.49e-8) < 1e-10)
        #expect(abs(FiniteDifference.centered.optimalStep(at: 0) - 6.06e-6) < 1e-8)
        #expect(FiniteDifference.centered.optimalStep(at: 100) == 100 * FiniteDifference.centered.optimalStep(at: 0))
        #expect(abs(FiniteDifference.optimalSecondDerivativeStep(at: 1) - 1.22e-4) < 1e-6)
    }

    @Test func defaultStepsGiveTheDigitsTheyPromise() throws {
        let f = try parse("sin(x)")
        let point = ["x": 0.7]
        let exact = cos(0.7)
        #expect(abs(try FiniteDifference.estimate(f, variable: "x", at: point, method: .forward) - exact) < 1e-7)
        #expect(abs(try FiniteDifference.estimate(f, variable: "x", at: point) - exact) < 1e-10)
        #expect(abs(try RichardsonExtrapolation.estimate(f, variable: "x", at: point) - exact) < 1e-12)
        #expect(abs(try ComplexStep.estimate(f, variable: "x", at: point) - exact) < 1e-15)
        #expect(abs(try FiniteDifference.secondDerivative(f, variable: "x", at: point) + sin(0.7)) < 1e-6)
    }

    @Test func secondDerivativeErrorIsSecondOrder() throws {
        let f = try parse("exp(x)")
        let coarse: Double = try FiniteDifference.secondDerivative(f, variable: "x", at: ["x": 0.2], step: 1e-2)
        let fine: Double = try FiniteDifference.secondDerivative(f, variable: "x", at: ["x": 0.2], step: 5e-3)
        let ratio: Double = (coarse - exp(0.2)) / (fine - exp(0.2))
        #expect(abs(ratio - 4) < 0.6)
    }

    @Test func complexStepHandlesEveryFunctionOfTheLanguage() throws {
        for function in Function.allCases {
            let f = Expression.call(function, .product(of: [.real(0.5), .variable("x")]) + .real(0.1))
            let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": 0.7])
            guard exact.isFinite else { continue }
            let estimate = try ComplexStep.estimate(f, variable: "x", at: ["x": 0.7])
            #expect(abs(estimate - exact) <= 1e-12 * max(1, abs(exact)), "\(function)")
        }
    }

    @Test func missingValueIsReportedByName() throws {
        let f = try Parser.parse("x*y")
        #expect(throws: EvaluationError.unboundVariable("y")) {
            try FiniteDifference.estimate(f, variable: "x", at: ["x": 1])
        }
    }
}
