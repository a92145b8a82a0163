import Foundation

/// A number type expressions can be evaluated in: `Double` for speed, `Float80` where
/// cancellation makes `Double` unreliable, and (in Numerics) complex and dual numbers.
public protocol EvaluationScalar: Sendable {
    init(_ value: Double)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// `x ^ y` for a general exponent.
    static func power(_ x: Self, _ y: Self) -> Self
    /// `x ^ (p/q)` for a rational exponent; an odd `q` takes the real root of a negative `x`.
    static func power(_ x: Self, rational p: Int64, _ q: Int64) -> Self
    /// The value of `function` at `x`.
    static func apply(_ function: Function, _ x: Self) -> Self
}

extension EvaluationScalar {
    /// `x ^ n` by repeated squaring; exact for small integers, as a teacher expects of `x^2`.
    @inline(__always)
    static func power(_ x: Self, integer n: Int64) -> Self {
        if n == 0 { return Self(1) }
        var base = n < 0 ? Self(1) / x : x
        var k = n.magnitude
        var result = Self(1)
        while true {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k == 0 { return result }
            base = base * base
        }
    }
}

/// Real functions shared by `Double` and `Float80`, in numerically stable forms.
extension BinaryFloatingPoint where Self: EvaluationScalar {
    @inline(__always)
    static func stableSigmoid(_ x: Self, exp: (Self) -> Self) -> Self {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let z = exp(x)
        return z / (1 + z)
    }
}

extension Double: EvaluationScalar {
    @inline(__always)
    public static func power(_ x: Double, _ y: Double) -> Double {
        if y.rounded() == y, abs(y) <= 64 { return power(x, integer: Int64(y)) }
        return Foundation.pow(x, y)
    }

    @inline(__always)
    public static func power(_ x: Double, rational p: Int64, _ q: Int64) -> Double {
        if q == 1 { return abs(p) <= 64 ? power(x, integer: p) : Foundation.pow(x, Double(p)) }
        if q == 2 && p == 1 { return x.squareRoot() }
        if x < 0 && q % 2 == 1 {
            let magnitude = Foundation.pow(-x, Double(p) / Double(q))
            return p % 2 == 0 ? magnitude : -magnitude
        }
        return Foundation.pow(x, Double(p) / Double(q))
    }

    public static func apply(_ function: Function, _ x: Double) -> Double {
        switch function {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .sec: return 1 / Foundation.cos(x)
        case .csc: return 1 / Foundation.sin(x)
        case .cot: return Foundation.cos(x) / Foundation.sin(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return Foundation.tanh(x)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .log10: return Foundation.log10(x)
        case .log2: return Foundation.log2(x)
        case .sqrt: return x.squareRoot()
        case .cbrt: return Foundation.cbrt(x)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
        case .heaviside: return x > 0 ? 1 : (x.isNaN ? x : 0)
        case .sigmoid: return stableSigmoid(x, exp: Foundation.exp)
        case .relu: return x > 0 ? x : (x.isNaN ? x : 0)
        case .softplus: return Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        case .gelu: return x * 0.5 * Foundation.erfc(-x / 2.0.squareRoot())
        case .Phi: return 0.5 * Foundation.erfc(-x / 2.0.squareRoot())
        case .erf: return Foundation.erf(x)
        case .swish: return x * stableSigmoid(x, exp: Foundation.exp)
        case .mish:
            let softplus = Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
            return x * Foundation.tanh(softplus)
        }
    }
}

#if arch(x86_64) || arch(i386)
extension Float80: EvaluationScalar {

    @inline(__always)
    public static func power(_ x: Float80, _ y: Float80) -> Float80 {
        if y.rounded() == y, abs(y) <= 64 { return power(x, integer: Int64(y)) }
        return Foundation.pow(x, y)
    }

    @inline(__always)
    public static func power(_ x: Float80, rational p: Int64, _ q: Int64) -> Float80 {
        if q == 1 { return abs(p) <= 64 ? power(x, integer: p) : Foundation.pow(x, Float80(p)) }
        if q == 2 && p == 1 { return x.squareRoot() }
        let exponent = Float80(p) / Float80(q)
        if x < 0 && q % 2 == 1 {
            let magnitude = Foundation.pow(-x, exponent)
            return p % 2 == 0 ? magnitude : -magnitude
        }
        return Foundation.pow(x, exponent)
    }

    public static func apply(_ function: Function, _ x: Float80) -> Float80 {
        switch function {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .sec: return 1 / Foundation.cos(x)
        case .csc: return 1 / Foundation.sin(x)
        case .cot: return Foundation.cos(x) / Foundation.sin(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return Foundation.tanh(x)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .log10: return Foundation.log10(x)
        case .log2: return Foundation.log2(x)
        case .sqrt: return x.squareRoot()
        case .cbrt: return Foundation.cbrt(x)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
        case .heaviside: return x > 0 ? 1 : (x.isNaN ? x : 0)
        case .sigmoid: return stableSigmoid(x, exp: Foundation.exp)
        case .relu: return x > 0 ? x : (x.isNaN ? x : 0)
        case .softplus: return Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        case .gelu: return x * 0.5 * Foundation.erfc(-x / Float80(2).squareRoot())
        case .Phi: return 0.5 * Foundation.erfc(-x / Float80(2).squareRoot())
        case .erf: return Foundation.erf(x)
        case .swish: return x * stableSigmoid(x, exp: Foundation.exp)
        case .mish:
            let softplus = Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
            return x * Foundation.tanh(softplus)
        }
    }
}

/// The wider type used to re-check points where `Double` may have lost digits to cancellation.
public typealias PreciseReal = Float80
#else
/// On platforms without `Float80` the re-check falls back to `Double`.
public typealias PreciseReal = Double
#endif
