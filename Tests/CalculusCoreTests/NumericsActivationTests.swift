import Foundation
import Testing
@testable import CalculusCore

private typealias Expression = CalculusCore.Expression

/// The activation functions of the answer language, through their one numeric implementation
/// (`NumericKernels`, used by `Double.apply` for values and `derivativeValue` for slopes).
struct NumericsActivationTests {
    static let activations: [Function] = [.sigmoid, .softplus, .tanh, .relu, .gelu, .swish, .mish, .Phi, .erf]

    @Test(arguments: activations)
    func staysFiniteAtLargeMagnitudes(function: Function) {
        for x in [-1000.0, -710, -50, 0, 50, 710, 1000] {
            #expect(Double.apply(function, x).isFinite, "\(function) at \(x)")
            #expect(function.derivativeValue(at: x).isFinite, "\(function)′ at \(x)")
        }
    }

    @Test(arguments: activations)
    func derivativeMatchesCenteredDifference(function: Function) {
        for x in [-3.0, -0.7, 0.4, 2.2] {
            let estimate = FiniteDifference.centered.estimate({ Double.apply(function, $0) }, at: x, step: 1e-5)
            #expect(abs(function.derivativeValue(at: x) - estimate) < 1e-8, "\(function) at \(x)")
        }
    }

    @Test func tailsHaveTheirAsymptoticValues() {
        #expect(Double.apply(.sigmoid, -1000) == 0)
        #expect(Double.apply(.sigmoid, 1000) == 1)
        #expect(Double.apply(.softplus, 1000) == 1000)
        #expect(Double.apply(.softplus, -1000) == 0)
        #expect(Double.apply(.gelu, 1000) == 1000)
        #expect(Double.apply(.gelu, -1000) == 0)
        #expect(Double.apply(.swish, -1000) == 0)
        #expect(Double.apply(.mish, 1000) == 1000)
        #expect(Function.mish.derivativeValue(at: 1000) == 1)
        // softplus(−40) keeps its digits: log1p, not log(1 + tiny).
        #expect(abs(Double.apply(.softplus, -40) - exp(-40)) < 1e-30)
    }

    @Test func reluUsesSubgradientZero() {
        #expect(Function.relu.derivativeValue(at: 0) == 0)
        #expect(Function.relu.derivativeValue(at: 1e-300) == 1)
    }

    /// The answer language's sigmoid, softplus, gelu, swish and mish go through the same stable
    /// forms in every evaluator: plain, dual, reverse and complex step.
    @Test(arguments: [Function.sigmoid, .softplus, .gelu, .swish, .mish, .Phi, .erf, .tanh])
    func answerLanguageActivationsStayFiniteInEveryMode(function: Function) throws {
        let f = Expression.call(function, .variable("x"))
        for x in [-1000.0, 1000] {
            #expect(try f.evaluate(["x": x]).isFinite)
            #expect(try f.forwardModeDerivative(withRespectTo: "x", at: ["x": x]).isFinite)
            #expect(try f.reverseModeGradient(withRespectTo: ["x"], at: ["x": x])[0].isFinite)
            #expect(try ComplexStep.estimate(f, variable: "x", at: ["x": x]).isFinite)
        }
    }
}
