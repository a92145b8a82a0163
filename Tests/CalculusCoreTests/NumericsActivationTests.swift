import Foundation
import Testing
@testable import CalculusCore

private typealias Expression = CalculusCore.Expression

struct NumericsActivationTests {
    @Test(arguments: Activation.all)
    func staysFiniteAtLargeMagnitudes(activation: Activation) {
        for x in [-1000.0, -710, -50, 0, 50, 710, 1000] {
            #expect(activation.value(x).isFinite, "\(activation) at \(x)")
            #expect(activation.derivative(x).isFinite, "\(activation)′ at \(x)")
        }
    }

    @Test(arguments: Activation.all)
    func derivativeMatchesCenteredDifference(activation: Activation) {
        for x in [-3.0, -0.7, 0.4, 2.2] {
            let estimate = FiniteDifference.centered.estimate(activation.value, at: x, step: 1e-5)
            #expect(abs(activation.derivative(x) - estimate) < 1e-8, "\(activation) at \(x)")
        }
    }

    @Test func tailsHaveTheirAsymptoticValues() {
        #expect(Activation.sigmoid.value(-1000) == 0)
        #expect(Activation.sigmoid.value(1000) == 1)
        #expect(Activation.logSigmoid.value(-1000) == -1000)
        #expect(Activation.logSigmoid.value(1000) == 0)
        #expect(Activation.logSigmoid.derivative(-1000) == 1)
        #expect(Activation.softplus.value(1000) == 1000)
        #expect(Activation.softplus.value(-1000) == 0)
        #expect(Activation.gelu.value(1000) == 1000)
        #expect(Activation.gelu.value(-1000) == 0)
        #expect(Activation.geluTanh.value(-1000) == 0)
        #expect(Activation.swish.value(-1000) == 0)
        #expect(Activation.mish.value(1000) == 1000)
        #expect(Activation.mish.derivative(1000) == 1)
        // log σ(−40) = −40 − log1p(e^−40): the naive log(1/(1 + e^40)) is right here too, but
        // log(σ(−800)) is log(0) = −∞ while the stable form gives −800.
        #expect(Activation.logSigmoid.value(-800) == -800)
    }

    @Test func reluUsesSubgradientZeroAndLeakyReluItsSlope() {
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.relu.derivative(1e-300) == 1)
        #expect(Activation.leakyRelu(slope: 0.1).value(-5) == -0.5)
        #expect(Activation.leakyRelu(slope: 0.1).derivative(0) == 0.1)
    }

    @Test func geluTanhApproximatesExactGELU() {
        for x in stride(from: -6.0, through: 6.0, by: 0.25) {
            #expect(abs(Activation.geluTanh.value(x) - Activation.gelu.value(x)) < 1e-3)
        }
    }

    @Test func softmaxSubtractsTheMaximum() {
        let p = softmax([1000, 0, -1000])
        #expect(p.allSatisfy { $0.isFinite })
        #expect(p[0] == 1 && p[1] < 1e-300)
        let q = softmax([1, 2, 3])
        #expect(abs(q.reduce(0, +) - 1) < 1e-15)
        #expect(abs(q[2] - exp(3) / (exp(1) + exp(2) + exp(3))) < 1e-15)
        let logs = logSoftmax([1000, 0, -1000])
        #expect(logs == [0, -1000, -2000])
        #expect(logAddExp(1000, 1000) == 1000 + log(2))
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
