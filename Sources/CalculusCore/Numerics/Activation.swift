import Foundation

/// The activation functions of the course, with their derivatives, in forms that neither
/// overflow nor lose the result to cancellation: at |x| = 1000 every value and derivative here
/// is finite where the true one is.
///
/// Each formula is written next to its case; accuracy is a few ulp (that of exp, log1p, erfc
/// and tanh), except GELU's tanh form, which approximates the exact GELU to about 1e-3.
public enum Activation: Hashable, Sendable {
    /// σ(x) = 1/(1 + e^(−x)), computed as 1/(1 + e^(−x)) for x ≥ 0 and e^x/(1 + e^x) for x < 0.
    /// σ′(x) = σ(x)·σ(−x).
    case sigmoid
    /// log σ(x) = −log(1 + e^(−x)) = −logaddexp(0, −x). Derivative σ(−x).
    case logSigmoid
    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)). Derivative σ(x).
    case softplus
    /// tanh(x). Derivative sech²(x) = 4e^(−2|x|)/(1 + e^(−2|x|))².
    case tanh
    /// max(x, 0). Derivative 1 for x > 0 and 0 for x ≤ 0 (the subgradient 0 at 0).
    case relu
    /// x for x > 0, slope·x otherwise. Derivative 1 or slope (slope at 0).
    case leakyRelu(slope: Double)
    /// GELU(x) = x·Φ(x) = x·½·erfc(−x/√2). Derivative Φ(x) + x·φ(x).
    case gelu
    /// ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³), computed as x·σ(2u) since 1 + tanh(u) = 2σ(2u).
    /// Derivative σ(2u) + 2x·σ(2u)σ(−2u)·u′.
    case geluTanh
    /// swish(x) = SiLU(x) = x·σ(x). Derivative σ(x) + x·σ(x)σ(−x).
    case swish
    /// mish(x) = x·tanh(softplus(x)). Derivative tanh(sp) + x·sech²(sp)·σ(x).
    case mish

    /// Every activation, with the customary leaky-relu slope 0.01.
    public static let all: [Activation] = [
        .sigmoid, .logSigmoid, .softplus, .tanh, .relu, .leakyRelu(slope: 0.01), .gelu, .geluTanh,
        .swish, .mish,
    ]

    /// The value at `x`.
    public func value(_ x: Double) -> Double {
        switch self {
        case .sigmoid: return NumericKernels.sigmoid(x)
        case .logSigmoid: return -NumericKernels.logAddExp(0, -x)
        case .softplus: return NumericKernels.softplus(x)
        case .tanh: return Foundation.tanh(x)
        case .relu: return x > 0 ? x : (x.isNaN ? x : 0)
        case let .leakyRelu(slope): return x > 0 ? x : slope * x
        case .gelu: return x * NumericKernels.normalCDF(x)
        case .geluTanh: return x * NumericKernels.sigmoid(2 * Self.geluTanhArgument(x))
        case .swish: return x * NumericKernels.sigmoid(x)
        case .mish: return x * Foundation.tanh(NumericKernels.softplus(x))
        }
    }

    /// The derivative at `x`.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .sigmoid: return NumericKernels.sigmoid(x) * NumericKernels.sigmoid(-x)
        case .logSigmoid: return NumericKernels.sigmoid(-x)
        case .softplus: return NumericKernels.sigmoid(x)
        case .tanh: return NumericKernels.sech2(x)
        case .relu: return x > 0 ? 1 : (x.isNaN ? x : 0)
        case let .leakyRelu(slope): return x > 0 ? 1 : slope
        case .gelu: return NumericKernels.normalCDF(x) + x * NumericKernels.normalPDF(x)
        case .geluTanh:
            let u = Self.geluTanhArgument(x)
            let s = NumericKernels.sigmoid(2 * u), t = NumericKernels.sigmoid(-2 * u)
            let du = (2 / Double.pi).squareRoot() * (1 + 3 * 0.044715 * x * x)
            return s + 2 * x * s * t * du
        case .swish:
            let s = NumericKernels.sigmoid(x)
            return s + x * s * NumericKernels.sigmoid(-x)
        case .mish:
            let sp = NumericKernels.softplus(x)
            return Foundation.tanh(sp) + x * NumericKernels.sech2(sp) * NumericKernels.sigmoid(x)
        }
    }

    /// u = √(2/π)(x + 0.044715x³), the argument of tanh in GELU's approximation.
    @inline(__always)
    static func geluTanhArgument(_ x: Double) -> Double {
        (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)
    }
}

/// softmax(x)ᵢ = e^(xᵢ − m)/Σⱼ e^(xⱼ − m) with m = max x: subtracting the maximum makes every
/// exponent ≤ 0, so nothing overflows and the largest term is exactly 1 (no 0/0).
public func softmax(_ x: [Double]) -> [Double] {
    guard let m = x.max() else { return [] }
    let shifted = x.map { Foundation.exp($0 - m) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
}

/// log softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ − m), m = max x: finite wherever xᵢ is, even when
/// softmax(x)ᵢ underflows to 0.
public func logSoftmax(_ x: [Double]) -> [Double] {
    guard let m = x.max() else { return [] }
    let logTotal = Foundation.log(x.reduce(0) { $0 + Foundation.exp($1 - m) })
    return x.map { $0 - m - logTotal }
}

/// log(e^a + e^b) = max(a, b) + log1p(e^(−|a − b|)), exact to a few ulp and never overflowing.
public func logAddExp(_ a: Double, _ b: Double) -> Double {
    NumericKernels.logAddExp(a, b)
}
