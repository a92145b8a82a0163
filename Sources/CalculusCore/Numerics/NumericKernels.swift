import Foundation

/// Scalar kernels shared by the activations and the derivative tables, each written so that no
/// intermediate overflows when the result is finite.
enum NumericKernels {
    /// σ(x) = 1/(1 + e^(−x)), branching on the sign so that e^(|x|) is never formed.
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let z = Foundation.exp(x)
        return z / (1 + z)
    }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)).
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }

    /// log(e^a + e^b) = max(a, b) + log1p(e^(−|a − b|)).
    @inline(__always)
    static func logAddExp(_ a: Double, _ b: Double) -> Double {
        if a == -.infinity { return b }
        if b == -.infinity { return a }
        return Swift.max(a, b) + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
    }

    /// sech²(u) = 4·e^(−2|u|)/(1 + e^(−2|u|))², which underflows to 0 instead of forming e^(2|u|).
    @inline(__always)
    static func sech2(_ u: Double) -> Double {
        let t = Foundation.exp(-2 * Swift.abs(u))
        return 4 * t / ((1 + t) * (1 + t))
    }

    /// Φ(x) = ½·erfc(−x/√2), accurate in both tails (no 1 − small cancellation).
    @inline(__always)
    static func normalCDF(_ x: Double) -> Double {
        0.5 * Foundation.erfc(-x / 2.0.squareRoot())
    }

    /// φ(x) = e^(−x²/2)/√(2π).
    @inline(__always)
    static func normalPDF(_ x: Double) -> Double {
        Foundation.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }
}
