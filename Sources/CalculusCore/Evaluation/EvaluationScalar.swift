import Foundation
import RealModule

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

/// The real functions, written once for `Double` and `Float80` (both `Real` in swift-numerics);
/// the activations come from `NumericKernels`, in numerically stable forms.
extension Real where Self: BinaryFloatingPoint & EvaluationScalar {
    @inline(__always)
    static func realPower(_ x: Self, _ y: Self) -> Self {
        if y.rounded() == y, Swift.abs(y) <= 64 { return power(x, integer: Int64(y)) }
        return .pow(x, y)
    }

    @inline(__always)
    static func realPower(_ x: Self, rational p: Int64, _ q: Int64) -> Self {
        if q == 1 { return Swift.abs(p) <= 64 ? power(x, integer: p) : .pow(x, Self(p)) }
        if q == 2 && p == 1 { return x.squareRoot() }
        let exponent = Self(p) / Self(q)
        if x < 0 && q % 2 == 1 {
            let magnitude = Self.pow(-x, exponent)
            return p % 2 == 0 ? magnitude : -magnitude
        }
        return .pow(x, exponent)
    }

    static func realApply(_ function: Function, _ x: Self) -> Self {
        switch function {
        case .sin: return .sin(x)
        case .cos: return .cos(x)
        case .tan: return .tan(x)
        case .sec: return 1 / .cos(x)
        case .csc: return 1 / .sin(x)
        case .cot: return .cos(x) / .sin(x)
        case .asin: return .asin(x)
        case .acos: return .acos(x)
        case .atan: return .atan(x)
        case .sinh: return .sinh(x)
        case .cosh: return .cosh(x)
        case .tanh: return .tanh(x)
        case .sech: return 1 / .cosh(x)
        case .csch: return 1 / .sinh(x)
        case .coth: return 1 / .tanh(x)
        case .asinh: return .asinh(x)
        case .acosh: return .acosh(x)
        case .atanh: return .atanh(x)
        case .exp: return .exp(x)
        case .log: return .log(x)
        case .log10: return .log10(x)
        case .log2: return .log2(x)
        case .sqrt: return x.squareRoot()
        case .cbrt: return .root(x, 3)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
        case .heaviside: return x > 0 ? 1 : (x.isNaN ? x : 0)
        case .sigmoid: return NumericKernels.sigmoid(x)
        case .relu: return x > 0 ? x : (x.isNaN ? x : 0)
        case .softplus: return NumericKernels.softplus(x)
        case .gelu: return x * NumericKernels.normalCDF(x)
        case .Phi: return NumericKernels.normalCDF(x)
        case .erf: return .erf(x)
        case .swish: return x * NumericKernels.sigmoid(x)
        case .mish: return x * .tanh(NumericKernels.softplus(x))
        }
    }
}

extension Double: EvaluationScalar {
    @inline(__always)
    public static func power(_ x: Double, _ y: Double) -> Double { realPower(x, y) }

    @inline(__always)
    public static func power(_ x: Double, rational p: Int64, _ q: Int64) -> Double { realPower(x, rational: p, q) }

    @inline(__always)
    public static func apply(_ function: Function, _ x: Double) -> Double { realApply(function, x) }
}

#if arch(x86_64) || arch(i386)
extension Float80: EvaluationScalar {
    @inline(__always)
    public static func power(_ x: Float80, _ y: Float80) -> Float80 { realPower(x, y) }

    @inline(__always)
    public static func power(_ x: Float80, rational p: Int64, _ q: Int64) -> Float80 { realPower(x, rational: p, q) }

    @inline(__always)
    public static func apply(_ function: Function, _ x: Float80) -> Float80 { realApply(function, x) }
}

/// The wider type used to re-check points where `Double` may have lost digits to cancellation.
public typealias PreciseReal = Float80
#else
/// On platforms without `Float80` the re-check falls back to `Double`.
public typealias PreciseReal = Double
#endif
