import Foundation
import Testing
@testable import CalculusCore

private typealias Expression = CalculusCore.Expression

struct NumericsAutomaticDifferentiationTests {
    /// Forward mode (dual numbers) and reverse mode (the tape) agree with the symbolic
    /// derivative, to rounding, on every function of the answer language through the chain rule.
    @Test(arguments: Function.allCases)
    func bothModesAgreeWithSymbolicDerivative(function: Function) throws {
        let inner = Expression.product(of: [.real(0.5), .variable("x")]) + .real(0.1)
        let f = Expression.call(function, inner) * .variable("x")
        let symbolic = f.simplifiedDerivative(withRespectTo: "x")
        var compared = 0
        // The last two put the inner argument above 1, where acosh is defined.
        for x in [0.7, 1.3, -1.1, -0.5, 3.0, 4.5] {
            let exact = try symbolic.evaluate(["x": x])
            guard exact.isFinite else { continue }
            let forward = try f.forwardModeDerivative(withRespectTo: "x", at: ["x": x])
            let reverse = try f.reverseModeGradient(withRespectTo: ["x"], at: ["x": x])[0]
            let tolerance = 1e-12 * max(1, abs(exact))
            #expect(abs(forward - exact) <= tolerance, "forward \(function) at \(x)")
            #expect(abs(reverse - exact) <= tolerance, "reverse \(function) at \(x)")
            compared += 1
        }
        #expect(compared >= 2)
    }

    /// z1 = w1·x, a1 = σ(z1), z2 = w2·a1, L = ½(z2 − y)².
    @Test func twoLayerNetworkGradientMatchesBackpropagationByHand() throws {
        let loss = try Parser.parse("1/2*(w2*sigmoid(w1*x) - y)^2")
        let point = ["x": 1.5, "y": 0.5, "w1": 0.8, "w2": -1.2]
        let a1 = 1 / (1 + exp(-0.8 * 1.5))
        let z2 = -1.2 * a1
        let byHand = [(z2 - 0.5) * -1.2 * a1 * (1 - a1) * 1.5, (z2 - 0.5) * a1]  // ∂L/∂w1, ∂L/∂w2
        let forward = try loss.forwardModeGradient(withRespectTo: ["w1", "w2"], at: point)
        let reverse = try loss.reverseModeGradient(withRespectTo: ["w1", "w2"], at: point)
        let symbolic = try ["w1", "w2"].map { try loss.simplifiedDerivative(withRespectTo: $0).evaluate(point) }
        for i in 0..<2 {
            #expect(abs(forward[i] - byHand[i]) < 1e-14)
            #expect(abs(reverse[i] - byHand[i]) < 1e-14)
            #expect(abs(symbolic[i] - byHand[i]) < 1e-14)
        }
    }

    @Test(arguments: [-3.0, -0.4, 0, 0.5, 2.5])
    func sigmoidOfLogMatchesSymbolic(x: Double) throws {
        let f = try Parser.parse("σ(ln(x^2 + 1))", variables: ["x"])
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": x])
        let u = log(x * x + 1), s = 1 / (1 + exp(-u))
        #expect(abs(exact - s * (1 - s) * 2 * x / (x * x + 1)) < 1e-15)
        #expect(abs(try f.forwardModeDerivative(withRespectTo: "x", at: ["x": x]) - exact) < 1e-15)
        #expect(abs(try f.reverseModeGradient(withRespectTo: ["x"], at: ["x": x])[0] - exact) < 1e-15)
    }

    @Test func reverseModeGivesTheWholeGradientInOnePass() throws {
        let f = try Parser.parse("x^2*y + sin(x*z) - z/y + exp(x - y)*w")
        let point = ["x": 0.3, "y": 1.7, "z": -0.8, "w": 2.0]
        let tape = GradientTape(f, variables: ["x", "y", "z", "w"])
        let (value, gradient) = tape.gradient(at: [0.3, 1.7, -0.8, 2.0])
        #expect(abs(value - (try f.evaluate(point))) < 1e-15)
        for (i, name) in tape.variables.enumerated() {
            let exact = try f.simplifiedDerivative(withRespectTo: name).evaluate(point)
            #expect(abs(gradient[i] - exact) < 1e-14, "∂f/∂\(name)")
        }
    }

    @Test func repeatedFactorsAndZeroFactorsGetTheirPartials() throws {
        // x·x·y at x = 0: ∂/∂x = 2xy = 0, ∂/∂y = x² = 0; at x = 2, y = 3: 12 and 4.
        let f = Expression.product([.variable("x"), .variable("x"), .variable("y")])
        #expect(GradientTape(f, variables: ["x", "y"]).gradient(at: [0, 3]).gradient == [0, 0])
        #expect(GradientTape(f, variables: ["x", "y"]).gradient(at: [2, 3]).gradient == [12, 4])
    }

    @Test func constantExponentOfNegativeBaseStaysFinite() throws {
        // (x − 2)^3 at x = 1: the base is negative, so ln(base) must never be formed.
        let f = try Parser.parse("(x - 2)^3 + 2^x", variables: ["x"])
        let exact = 3.0 + 2 * log(2.0)
        #expect(abs(try f.reverseModeGradient(withRespectTo: ["x"], at: ["x": 1])[0] - exact) < 1e-14)
        #expect(abs(try f.forwardModeDerivative(withRespectTo: "x", at: ["x": 1]) - exact) < 1e-14)
    }

    @Test func cubeRootOfNegativeNumberHasRealSlope() throws {
        let f = try Parser.parse("x^(1/3)", variables: ["x"])
        let expected = 1.0 / 3 / pow(8, 2.0 / 3)
        #expect(abs(try f.reverseModeGradient(withRespectTo: ["x"], at: ["x": -8])[0] - expected) < 1e-15)
        #expect(abs(try f.forwardModeDerivative(withRespectTo: "x", at: ["x": -8]) - expected) < 1e-15)
    }
}
