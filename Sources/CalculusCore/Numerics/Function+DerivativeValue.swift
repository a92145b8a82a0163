import Foundation

extension Function {
    /// The value of f′ at `x` in `Double`, for the forward and reverse modes of automatic
    /// differentiation and the first-order complex extension.
    ///
    /// Formulas are the textbook ones written in stable forms: σ′(x) = σ(x)·σ(−x) (no
    /// cancellation in 1 − σ for large x), sech² computed from e^(−2|u|), and Gaussian factors
    /// that underflow to 0 rather than overflow. relu′(0) = 0 (the subgradient the course uses),
    /// abs′(x) = sign(x), and sign′ = heaviside′ = 0. Accuracy is that of the libm calls, a few ulp.
    func derivativeValue(at x: Double) -> Double {
        switch self {
        case .sin: return Foundation.cos(x)
        case .cos: return -Foundation.sin(x)
        case .tan:
            let c = Foundation.cos(x)
            return 1 / (c * c)
        case .sec: return Foundation.tan(x) / Foundation.cos(x)
        case .csc: return -1 / (Foundation.sin(x) * Foundation.tan(x))
        case .cot:
            let s = Foundation.sin(x)
            return -1 / (s * s)
        case .asin: return 1 / (1 - x * x).squareRoot()
        case .acos: return -1 / (1 - x * x).squareRoot()
        case .atan: return 1 / (1 + x * x)
        case .sinh: return Foundation.cosh(x)
        case .cosh: return Foundation.sinh(x)
        case .tanh: return NumericKernels.sech2(x)
        case .exp: return Foundation.exp(x)
        case .log: return 1 / x
        case .log10: return 1 / (x * M_LN10)
        case .log2: return 1 / (x * M_LN2)
        case .sqrt: return 0.5 / x.squareRoot()
        case .cbrt:
            let r = Foundation.cbrt(x)
            return 1 / (3 * r * r)
        case .abs: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
        case .sign, .heaviside: return x.isNaN ? x : 0
        case .sigmoid: return NumericKernels.sigmoid(x) * NumericKernels.sigmoid(-x)
        case .relu: return x > 0 ? 1 : (x.isNaN ? x : 0)
        case .softplus: return NumericKernels.sigmoid(x)
        case .gelu: return NumericKernels.normalCDF(x) + x * NumericKernels.normalPDF(x)
        case .Phi: return NumericKernels.normalPDF(x)
        case .erf: return 2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
        case .swish:
            let s = NumericKernels.sigmoid(x)
            return s + x * s * NumericKernels.sigmoid(-x)
        case .mish:
            let sp = NumericKernels.softplus(x)
            return Foundation.tanh(sp) + x * NumericKernels.sech2(sp) * NumericKernels.sigmoid(x)
        }
    }
}

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
