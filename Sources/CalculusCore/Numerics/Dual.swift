import Foundation

/// A dual number a + b·ε with ε² = 0, for forward-mode automatic differentiation.
///
/// Evaluating an expression at `Dual(value: x, derivative: 1)` carries f′(x) in the ε part
/// alongside f(x): (a + bε)(c + dε) = ac + (ad + bc)ε, and g(a + bε) = g(a) + g′(a)·b·ε.
/// The result is exact up to the rounding of each elementary operation (no truncation error,
/// no step size), so it agrees with the symbolic derivative to a few ulp per node.
package struct Dual: EvaluationScalar, Hashable {
    package var value: Double
    /// The tangent: the derivative of `value` along the seeded direction.
    package var derivative: Double

    package init(value: Double, derivative: Double) {
        self.value = value
        self.derivative = derivative
    }

    /// A constant: zero tangent.
    package init(_ value: Double) {
        self.init(value: value, derivative: 0)
    }

    /// An independent variable seeded with tangent 1.
    package static func variable(_ value: Double) -> Dual {
        Dual(value: value, derivative: 1)
    }

    package static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, derivative: a.derivative + b.derivative)
    }

    package static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, derivative: a.derivative - b.derivative)
    }

    package static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
    }

    package static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(value: q, derivative: (a.derivative - q * b.derivative) / b.value)
    }

    package static prefix func - (a: Dual) -> Dual {
        Dual(value: -a.value, derivative: -a.derivative)
    }

    /// x^y = e^(y·ln x): d = y·x^(y−1)·x′ + x^y·ln(x)·y′. A zero tangent contributes nothing,
    /// so a constant exponent never asks for ln of a negative base.
    package static func power(_ x: Dual, _ y: Dual) -> Dual {
        let v = Double.power(x.value, y.value)
        var d = 0.0
        if x.derivative != 0 { d += y.value * Double.power(x.value, y.value - 1) * x.derivative }
        if y.derivative != 0 { d += v * Foundation.log(x.value) * y.derivative }
        return Dual(value: v, derivative: d)
    }

    /// x^(p/q): d = (p/q)·x^((p−q)/q)·x′, taking the real root of a negative base for odd q.
    package static func power(_ x: Dual, rational p: Int64, _ q: Int64) -> Dual {
        let v = Double.power(x.value, rational: p, q)
        guard x.derivative != 0 else { return Dual(v) }
        let slope = Double(p) / Double(q) * Double.power(x.value, rational: p - q, q)
        return Dual(value: v, derivative: slope * x.derivative)
    }

    /// g(a + bε) = g(a) + g′(a)·b·ε, with g′ from the stable table in `Function.derivativeValue`.
    package static func apply(_ function: Function, _ x: Dual) -> Dual {
        let v = Double.apply(function, x.value)
        guard x.derivative != 0 else { return Dual(v) }
        return Dual(value: v, derivative: function.derivativeValue(at: x.value) * x.derivative)
    }
}

extension Expression {
    /// ∂f/∂`variable` at `point` by forward-mode automatic differentiation (one pass over
    /// dual numbers). Exact up to rounding; no step size to choose.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of the expression.
    package func forwardModeDerivative(
        withRespectTo variable: String, at point: [String: Double]
    ) throws(EvaluationError) -> Double {
        let compiled = CompiledExpression(self, variables: [variable])
        var slots: [Dual] = []
        for name in compiled.variables {
            if name == variable {
                slots.append(.variable(point[name] ?? .nan))
                continue
            }
            guard let value = point[name] else { throw .unboundVariable(name) }
            slots.append(Dual(value))
        }
        if point[variable] == nil { throw .unboundVariable(variable) }
        return compiled.evaluate(slots).derivative
    }

    /// The gradient with respect to `variables` at `point` by forward mode: one dual pass per
    /// variable, so it costs n evaluations (reverse mode, `GradientTape`, costs about one).
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable.
    package func forwardModeGradient(
        withRespectTo variables: [String], at point: [String: Double]
    ) throws(EvaluationError) -> [Double] {
        var gradient: [Double] = []
        for variable in variables {
            gradient.append(try forwardModeDerivative(withRespectTo: variable, at: point))
        }
        return gradient
    }
}
