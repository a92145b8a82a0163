import ComplexModule
import RealModule

/// The complex-step derivative f′(x) ≈ Im f(x + ih)/h.
///
/// From f(x + ih) = f(x) + ih·f′(x) − h²/2·f″(x) − ih³/6·f‴(x) + …, the imaginary part divided
/// by h is f′(x) − h²/6·f‴(x): error O(h²) with no subtraction, hence no cancellation, so h can
/// be taken tiny (1e-20) and the estimate is accurate to rounding, like automatic
/// differentiation. It needs f analytic along the real axis near x and evaluated over complex
/// numbers (see the `Complex: EvaluationScalar` conformance for the non-analytic functions).
public enum ComplexStep {
    /// The exponent of the truncation error.
    public static let errorOrder = 2

    /// 1e-20·max(1, |x|): far below where h² matters and far above underflow.
    public static func optimalStep(at x: Double) -> Double { 1e-20 * Swift.max(1, Swift.abs(x)) }

    /// Im f(x + ih)/h.
    public static func estimate(
        _ f: (Complex<Double>) -> Complex<Double>, at x: Double, step h: Double
    ) -> Double {
        f(Complex(x, h)).imaginary / h
    }

    /// ∂f/∂`variable` at `point` by the complex step.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public static func estimate(
        _ f: Expression, variable: String, at point: [String: Double], step: Double? = nil
    ) throws(EvaluationError) -> Double {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        return estimate({ slice($0) }, at: x, step: step ?? optimalStep(at: x))
    }
}
