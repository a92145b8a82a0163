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
        case .sech: return -Foundation.tanh(x) / Foundation.cosh(x)
        case .csch: return -1 / (Foundation.sinh(x) * Foundation.tanh(x))
        case .coth:
            let s = Foundation.sinh(x)
            return -1 / (s * s)
        case .asinh: return 1 / (x * x + 1).squareRoot()
        case .acosh: return 1 / ((x - 1).squareRoot() * (x + 1).squareRoot())
        case .atanh: return 1 / (1 - x * x)
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
