import ComplexModule
import RealModule
import Foundation

/// Complex evaluation, for the complex-step derivative f′(x) ≈ Im f(x + ih)/h.
///
/// Functions with an analytic continuation in swift-numerics (exp, log, the trigonometric and
/// hyperbolic families, asin, acos, sqrt) use it. The others (atan, whose swift-numerics 1.1
/// version returns a wrong imaginary part for a tiny one, cbrt, erf, Φ, GELU,
/// sigmoid and its relatives, and the piecewise abs, sign, relu, heaviside) use the first-order
/// extension g(a + ib) = g(a) + i·b·g′(a), which is exactly what the complex step needs when b is
/// tiny (its error is O(b²), below rounding for b ≈ 1e-20) but is not the analytic continuation
/// for a large imaginary part.
extension Complex: EvaluationScalar where RealType == Double {
    public static func power(_ x: Complex<Double>, _ y: Complex<Double>) -> Complex<Double> {
        if y.imaginary == 0, y.real.rounded() == y.real, Swift.abs(y.real) <= 64 {
            return power(x, integer: Int64(y.real))
        }
        if x.real < 0, y.imaginary == 0 {
            // Stay on the real branch where the real evaluator does (NaN for a non-integer power).
            return firstOrder(x, value: Double.power(x.real, y.real),
                              slope: y.real * Double.power(x.real, y.real - 1))
        }
        return Complex.exp(y * Complex.log(x))
    }

    public static func power(_ x: Complex<Double>, rational p: Int64, _ q: Int64) -> Complex<Double> {
        if q == 1 && Swift.abs(p) <= 64 { return power(x, integer: p) }
        if x.real > 0 {
            return Complex.exp(Complex(Double(p) / Double(q)) * Complex.log(x))
        }
        let value = Double.power(x.real, rational: p, q)
        let slope = Double(p) / Double(q) * Double.power(x.real, rational: p - q, q)
        return firstOrder(x, value: value, slope: slope)
    }

    public static func apply(_ function: Function, _ x: Complex<Double>) -> Complex<Double> {
        switch function {
        case .sin: return .sin(x)
        case .cos: return .cos(x)
        case .tan: return .tan(x)
        case .sec: return 1 / Complex.cos(x)
        case .csc: return 1 / Complex.sin(x)
        case .cot: return Complex.cos(x) / Complex.sin(x)
        case .asin: return .asin(x)
        case .acos: return .acos(x)
        case .sinh: return .sinh(x)
        case .cosh: return .cosh(x)
        case .tanh: return .tanh(x)
        case .sech: return 1 / Complex.cosh(x)
        case .csch: return 1 / Complex.sinh(x)
        case .coth: return 1 / Complex.tanh(x)
        case .asinh: return .asinh(x)
        case .acosh: return .acosh(x)
        case .atanh: return .atanh(x)
        case .exp: return .exp(x)
        case .log: return .log(x)
        case .log10: return Complex.log(x) / Complex(M_LN10)
        case .log2: return Complex.log(x) / Complex(M_LN2)
        case .sqrt: return .sqrt(x)
        case .atan, .cbrt, .abs, .sign, .heaviside, .sigmoid, .relu, .softplus, .gelu, .Phi, .erf,
             .swish, .mish:
            return firstOrder(x, value: Double.apply(function, x.real),
                              slope: function.derivativeValue(at: x.real))
        }
    }

    /// g(a) + i·b·g′(a): the complex step's view of a function without a usable continuation.
    @inline(__always)
    private static func firstOrder(_ x: Complex<Double>, value: Double, slope: Double) -> Complex<Double> {
        Complex(value, x.imaginary == 0 ? 0 : slope * x.imaginary)
    }
}
