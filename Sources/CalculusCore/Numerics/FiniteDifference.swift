import Foundation

/// The three first-derivative difference quotients, with their truncation orders and the step
/// sizes that balance truncation against round-off.
///
/// Total error ≈ C·h^p + ε·|f|/h for a step h, where p is `errorOrder` and ε = 2^−52 is the unit
/// round-off of Double: shrinking h helps until the round-off term takes over, so the best step
/// is near ε^(1/(p+1)), about 1.5e-8 one-sided and 6e-6 centered (times max(1, |x|)).
public enum FiniteDifference: String, CaseIterable, Sendable {
    /// (f(x + h) − f(x))/h; estimate − f′(x) = h/2·f″(ξ) = O(h).
    case forward
    /// (f(x) − f(x − h))/h; estimate − f′(x) = −h/2·f″(ξ) = O(h).
    case backward
    /// (f(x + h) − f(x − h))/(2h); estimate − f′(x) = h²/6·f‴(ξ) = O(h²).
    case centered

    /// The exponent p in the truncation error O(h^p).
    public var errorOrder: Int { self == .centered ? 2 : 1 }

    /// The step that minimises truncation plus round-off: ε^(1/2)·max(1, |x|) one-sided,
    /// ε^(1/3)·max(1, |x|) centered. Scaling by |x| keeps x ± h distinct from x for large x.
    public func optimalStep(at x: Double) -> Double {
        let scale = Swift.max(1, Swift.abs(x))
        switch self {
        case .forward, .backward: return Double.ulpOfOne.squareRoot() * scale
        case .centered: return Foundation.cbrt(Double.ulpOfOne) * scale
        }
    }

    /// The difference quotient of `f` at `x` with step `h`, exactly as the formula is written
    /// (the step is not rounded to a representable x ± h, so a sweep shows the round-off).
    public func estimate(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
        switch self {
        case .forward: return (f(x + h) - f(x)) / h
        case .backward: return (f(x) - f(x - h)) / h
        case .centered: return (f(x + h) - f(x - h)) / (2 * h)
        }
    }

    /// ∂f/∂`variable` at `point` by the difference quotient `method`; `step` defaults to the
    /// method's `optimalStep`, which gives about 8 (one-sided) or 11 (centered) correct digits
    /// on a well-scaled smooth function.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public static func estimate(
        _ f: Expression, variable: String, at point: [String: Double],
        method: FiniteDifference = .centered, step: Double? = nil
    ) throws(EvaluationError) -> Double {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        return method.estimate(slice.callAsFunction, at: x, step: step ?? method.optimalStep(at: x))
    }

    /// f″(x) ≈ (f(x + h) − 2f(x) + f(x − h))/h²; estimate − f″(x) = h²/12·f⁗(ξ) = O(h²).
    public static func secondDerivative(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
        (f(x + h) - 2 * f(x) + f(x - h)) / (h * h)
    }

    /// The centered second-difference step balancing h² against ε/h²: ε^(1/4)·max(1, |x|) ≈ 1.2e-4.
    public static func optimalSecondDerivativeStep(at x: Double) -> Double {
        Double.ulpOfOne.squareRoot().squareRoot() * Swift.max(1, Swift.abs(x))
    }

    /// ∂²f/∂`variable`² at `point` by the centered second difference; about 7 correct digits
    /// at the default step.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public static func secondDerivative(
        _ f: Expression, variable: String, at point: [String: Double], step: Double? = nil
    ) throws(EvaluationError) -> Double {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        return secondDerivative(slice.callAsFunction, at: x, step: step ?? optimalSecondDerivativeStep(at: x))
    }
}
