/// A numeric literal in an expression: an exact rational while exactness is cheap to keep,
/// a written decimal as the exact number its digits say, and a `Double` once neither fits
/// (a value computed in floating point, or an overflow).
///
/// Exact rationals let derivatives print the way a teacher writes them (`x/2`, not `0.5*x`);
/// typed decimals stay decimals so that "read as" echoes what the learner wrote, and stay
/// exact so that `12.0000000000000001` is not silently 12 to the equivalence checker.
public enum Number: Hashable, Sendable {
    /// `numerator / denominator`, reduced, with `denominator > 0`.
    case rational(Int64, Int64)
    /// `significand · 10^exponent`, exactly, with the significand not divisible by 10.
    case decimal(Int64, Int)
    case real(Double)

    /// A written decimal, normalised (trailing zeros of the significand moved to the exponent).
    public static func decimal(significand: Int64, exponent: Int) -> Number {
        if significand == 0 { return .zero }
        var s = significand, e = exponent
        while s % 10 == 0 { s /= 10; e += 1 }
        return .decimal(s, e)
    }

    /// The decimal as an exact rational, when numerator and denominator fit.
    var decimalAsRational: Number? {
        guard case let .decimal(s, e) = self else { return nil }
        if e >= 0 {
            var value = s
            for _ in 0..<e {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = next
            }
            return .rational(value, 1)
        }
        guard e >= -18 else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<(-e) { denominator *= 10 }
        return .fraction(s, denominator)
    }

    /// An exponent that is exactly a fraction p/q with odd q > 1 (such as 0.2 = 1/5), so that
    /// `x^0.2` takes the real fifth root of a negative x as `x^(1/5)` does.
    var oddDenominatorFraction: (Int64, Int64)? {
        guard let exact = decimalAsRational, case let .rational(p, q) = exact, q > 1, q % 2 == 1 else { return nil }
        return (p, q)
    }

    public static let zero = Number.rational(0, 1)
    public static let one = Number.rational(1, 1)
    public static let minusOne = Number.rational(-1, 1)

    public init(_ value: Int) { self = .rational(Int64(value), 1) }

    /// A reduced rational, or a `Double` when the denominator is zero or values overflow.
    public static func fraction(_ numerator: Int64, _ denominator: Int64) -> Number {
        guard denominator != 0 else { return .real(Double(numerator) / Double(denominator)) }
        if numerator == .min || denominator == .min {
            return .real(Double(numerator) / Double(denominator))
        }
        var n = numerator, d = denominator
        if d < 0 { n = -n; d = -d }
        let g = gcd(abs(n), d)
        return .rational(n / g, d / g)
    }

    public var doubleValue: Double {
        switch self {
        case let .rational(n, d): return d == 1 ? Double(n) : Double(n) / Double(d)
        case let .decimal(s, e):
            if e == 0 { return Double(s) }
            // Correctly rounded, through the standard library's decimal reader.
            return Double("\(s)e\(e)") ?? .nan
        case let .real(v): return v
        }
    }

    public var isZero: Bool { doubleValue == 0 }
    public var isOne: Bool { self == .one || self == .real(1) || self == .decimal(1, 0) }
    public var isNegative: Bool { doubleValue < 0 }
    public var isExact: Bool { if case .rational = self { return true } else { return false } }

    /// The value as an integer when it is an exact integer.
    public var integerValue: Int64? {
        switch self {
        case let .rational(n, 1): return n
        case .rational: return nil
        case .decimal:
            if case let .rational(n, 1)? = decimalAsRational { return n }
            return nil
        case let .real(v):
            return v.rounded() == v && abs(v) < 9.0e15 ? Int64(v) : nil
        }
    }

    public var negated: Number {
        switch self {
        case let .rational(n, d): return n == .min ? .real(-Double(n)) : .rational(-n, d)
        case let .decimal(s, e): return s == .min ? .real(-doubleValue) : .decimal(-s, e)
        case let .real(v): return .real(-v)
        }
    }

    public var absolute: Number { isNegative ? negated : self }

    public static func + (a: Number, b: Number) -> Number {
        if let exact = decimalSum(a, b) { return exact }
        if case .decimal = a, let r = a.decimalAsRational { return r + b }
        if case .decimal = b, let r = b.decimalAsRational { return a + r }
        if case let .rational(an, ad) = a, case let .rational(bn, bd) = b {
            let (x, o1) = an.multipliedReportingOverflow(by: bd)
            let (y, o2) = bn.multipliedReportingOverflow(by: ad)
            let (n, o3) = x.addingReportingOverflow(y)
            let (d, o4) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2 || o3 || o4) { return .fraction(n, d) }
        }
        return .real(a.doubleValue + b.doubleValue)
    }

    public static func * (a: Number, b: Number) -> Number {
        if let exact = decimalProduct(a, b) { return exact }
        if case .decimal = a, let r = a.decimalAsRational { return r * b }
        if case .decimal = b, let r = b.decimalAsRational { return a * r }
        if case let .rational(an, ad) = a, case let .rational(bn, bd) = b {
            let g1 = gcd(abs(an), bd), g2 = gcd(abs(bn), ad)
            let (n, o1) = (an / max(g1, 1)).multipliedReportingOverflow(by: bn / max(g2, 1))
            let (d, o2) = (ad / max(g2, 1)).multipliedReportingOverflow(by: bd / max(g1, 1))
            if !(o1 || o2) { return .fraction(n, d) }
        }
        return .real(a.doubleValue * b.doubleValue)
    }

    /// `a + b` as a constructor may fold it: nil when both are exact (rationals, written
    /// decimals) and their sum is not, since `1 + 1e-20` folded in `Double` is 1, a different
    /// number. The caller keeps such a term as it was written.
    static func foldedSum(_ a: Number, _ b: Number) -> Number? {
        let sum = a + b
        if case .real = sum, !a.isReal, !b.isReal { return nil }
        return sum
    }

    /// `a * b` as a constructor may fold it: nil when both are exact and the product is not.
    static func foldedProduct(_ a: Number, _ b: Number) -> Number? {
        let product = a * b
        if case .real = product, !a.isReal, !b.isReal { return nil }
        return product
    }

    var isReal: Bool { if case .real = self { return true } else { return false } }

    public static prefix func - (a: Number) -> Number { a.negated }
    public static func - (a: Number, b: Number) -> Number { a + b.negated }

    /// The reciprocal, or nil for zero.
    public var reciprocal: Number? {
        switch self {
        case let .rational(n, d): return n == 0 ? nil : .fraction(d, n)
        case .decimal:
            if let r = decimalAsRational { return r.reciprocal }
            let v = doubleValue
            return v == 0 ? nil : .real(1 / v)
        case let .real(v): return v == 0 ? nil : .real(1 / v)
        }
    }

    /// `self ^ exponent` when the result is exactly representable (integer exponents of
    /// rationals) or both are real; nil when folding would lose exactness (such as `2^(1/2)`).
    public func raised(to exponent: Number) -> Number? {
        if case .decimal = self {
            if let r = decimalAsRational { return r.raised(to: exponent) }
            return nil
        }
        if case .decimal = exponent {
            if let r = exponent.decimalAsRational { return raised(to: r) }
            return nil
        }
        if let k = exponent.integerValue, case .rational = self, case .rational = exponent {
            if k == 0 { return isZero ? nil : .one }
            if abs(k) > 64 { return nil }
            var result = Number.one
            for _ in 0..<abs(k) {
                result = result * self
                if case .real = result { return nil }
            }
            return k > 0 ? result : result.reciprocal
        }
        // A rational to a fractional power (2^(1/2)) stays symbolic: folding it would lose exactness.
        if case .rational = self, case .rational = exponent { return nil }
        if case .real = self, case .rational = exponent, exponent.integerValue == nil { return nil }
        if case .rational = self, case .real = exponent { return nil }
        let value = Double.pow(doubleValue, exponent.doubleValue)
        return value.isFinite ? .real(value) : nil
    }
}

extension Number {
    /// The exact sum of two decimals (or a decimal and an integer), when it fits.
    fileprivate static func decimalSum(_ a: Number, _ b: Number) -> Number? {
        guard let (s1, e1) = a.decimalParts, let (s2, e2) = b.decimalParts else { return nil }
        if case .decimal = a {} else if case .decimal = b {} else { return nil }
        if s1 == 0 { return b }
        if s2 == 0 { return a }
        return aligned(s1, e1, s2, e2)
    }

    private static func aligned(_ s1: Int64, _ e1: Int, _ s2: Int64, _ e2: Int) -> Number? {
        let e = min(e1, e2)
        guard let a = scaledUp(s1, by: e1 - e), let b = scaledUp(s2, by: e2 - e) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : .decimal(significand: sum, exponent: e)
    }

    fileprivate static func decimalProduct(_ a: Number, _ b: Number) -> Number? {
        guard let (s1, e1) = a.decimalParts, let (s2, e2) = b.decimalParts else { return nil }
        if case .decimal = a {} else if case .decimal = b {} else { return nil }
        let (product, overflow) = s1.multipliedReportingOverflow(by: s2)
        return overflow ? nil : .decimal(significand: product, exponent: e1 + e2)
    }

    /// A decimal's parts, or an integer's as a decimal.
    private var decimalParts: (Int64, Int)? {
        switch self {
        case let .decimal(s, e): return (s, e)
        case let .rational(n, 1): return (n, 0)
        default: return nil
        }
    }

    private static func scaledUp(_ s: Int64, by k: Int) -> Int64? {
        var value = s
        for _ in 0..<k {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }
}

extension Number: Comparable {
    public static func < (a: Number, b: Number) -> Bool { a.doubleValue < b.doubleValue }
}

@inline(__always)
func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var a = a, b = b
    while b != 0 { (a, b) = (b, a % b) }
    return a == 0 ? 1 : a
}

extension Double {
    @inline(__always)
    static func pow(_ x: Double, _ y: Double) -> Double {
        Foundation.pow(x, y)
    }
}

import Foundation
