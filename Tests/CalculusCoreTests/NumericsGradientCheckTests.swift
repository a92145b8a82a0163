import Testing
@testable import CalculusCore

struct NumericsGradientCheckTests {
    @Test func correctGradientHasTinyRelativeError() throws {
        let loss = try Parser.parse("1/2*(w2*sigmoid(w1*x) - y)^2")
        let check = try GradientCheck(loss, at: ["x": 1.5, "y": 0.5, "w1": 0.8, "w2": -1.2], withRespectTo: ["w1", "w2"])
        #expect(check.variables == ["w1", "w2"])
        #expect(check.relativeError < 1e-9)
        #expect(check.passes())
    }

    @Test func relativeErrorFormulaIsTheStandardOne() {
        // ‖a − n‖/(‖a‖ + ‖n‖ + 1e-8) for a = (3, 4), n = (3, 3): 1/(5 + √18 + 1e-8).
        let check = GradientCheck(variables: ["a", "b"], analytic: [3, 4], numeric: [3, 3],
                                  relativeError: 1 / (5 + 18.0.squareRoot() + 1e-8))
        #expect(!check.passes())
    }

    @Test func vanishingGradientDoesNotDivideByZero() throws {
        let check = try GradientCheck(Parser.parse("x^2 + y^2"), at: ["x": 0, "y": 0], withRespectTo: ["x", "y"])
        #expect(check.relativeError.isFinite)
        #expect(check.relativeError < 1e-6)
    }
}
