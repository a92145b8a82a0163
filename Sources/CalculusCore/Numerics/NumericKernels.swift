import RealModule

/// The one numeric implementation of the activation functions and the kernels their derivatives
/// need, generic over the floating-point types the evaluators use (`Double`, and `Float80` where
/// the platform has it), each written so that no intermediate overflows when the result is
/// finite. `EvaluationScalar` (values) and `Function.derivativeValue` (slopes) both call these;
/// the multi-precision `Ball` functions are the only other implementation, because they must
/// carry an error bound.
enum NumericKernels {
    /// σ(x) = 1/(1 + e^(−x)), branching on the sign so that e^(|x|) is never formed.
    @inline(__always)
    static func sigmoid<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
        if x >= 0 { return 1 / (1 + T.exp(-x)) }
        let z = T.exp(x)
        return z / (1 + z)
    }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)).
    @inline(__always)
    static func softplus<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
        Swift.max(x, 0) + T.log(onePlus: T.exp(-Swift.abs(x)))
    }

    /// sech²(u) = 4·e^(−2|u|)/(1 + e^(−2|u|))², which underflows to 0 instead of forming e^(2|u|).
    @inline(__always)
    static func sech2<T: Real & BinaryFloatingPoint>(_ u: T) -> T {
        let t = T.exp(-2 * Swift.abs(u))
        return 4 * t / ((1 + t) * (1 + t))
    }

    /// Φ(x) = ½·erfc(−x/√2), accurate in both tails (no 1 − small cancellation).
    @inline(__always)
    static func normalCDF<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
        0.5 * T.erfc(-x / T(2).squareRoot())
    }

    /// φ(x) = e^(−x²/2)/√(2π).
    @inline(__always)
    static func normalPDF<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
        T.exp(-0.5 * x * x) / (2 * T.pi).squareRoot()
    }
}
