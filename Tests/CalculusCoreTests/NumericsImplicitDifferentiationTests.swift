import Foundation
import Testing
@testable import CalculusCore

struct NumericsImplicitDifferentiationTests {
    /// The folium of Descartes x³ + y³ = 6xy, parametrised by x = 6t/(1 + t³), y = 6t²/(1 + t³).
    @Test func foliumSlopeAgreesOnTheCurveWithTheTextbookForm() throws {
        let (lhs, rhs) = try Parser(variables: ["x", "y"]).parseEquation("x^3+y^3=6*x*y")
        let slope = Expression.implicitDerivative(lhs: lhs, rhs: rhs, x: "x", y: "y")
        let textbook = try Parser.parse("(2y - x^2)/(y^2 - 2x)", variables: ["x", "y"])
        var compared = 0
        for t in [0.2, 0.5, 0.8, 1.5, 2.5, 4, -0.4, -3] {
            let x = 6 * t / (1 + t * t * t), y = 6 * t * t / (1 + t * t * t)
            #expect(abs(x * x * x + y * y * y - 6 * x * y) < 1e-10)
            let expected = try textbook.evaluate(["x": x, "y": y])
            guard expected.isFinite, abs(expected) < 1e6 else { continue }
            let actual = try slope.evaluate(["x": x, "y": y])
            #expect(abs(actual - expected) <= 1e-12 * max(1, abs(expected)), "t = \(t)")
            compared += 1
        }
        #expect(compared >= 7)
    }

    @Test func circleSlopeIsMinusXOverY() throws {
        let (lhs, rhs) = try Parser(variables: ["x", "y"]).parseEquation("x^2 + y^2 = 25")
        let slope = Expression.implicitDerivative(lhs: lhs, rhs: rhs)
        #expect(try slope.evaluate(["x": 3, "y": 4]) == -0.75)
        #expect(!slope.description.isEmpty)
    }

    @Test func slopeMatchesNumericDerivativeOfExplicitBranch() throws {
        // y = sqrt(25 − x²) is the upper branch of the circle: compare with its centered difference.
        let (lhs, rhs) = try Parser(variables: ["x", "y"]).parseEquation("x^2 + y^2 = 25")
        let slope = Expression.implicitDerivative(lhs: lhs, rhs: rhs)
        let branch = try Parser.parse("sqrt(25 - x^2)", variables: ["x"])
        let x = 1.7
        let numeric = try FiniteDifference.estimate(branch, variable: "x", at: ["x": x])
        #expect(abs(try slope.evaluate(["x": x, "y": sqrt(25 - x * x)]) - numeric) < 1e-9)
    }
}
