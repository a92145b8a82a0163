/// A numeric literal in an expression: an exact rational while exactness is cheap to keep,
/// a `Double` once it is not (a decimal typed by the learner, or an overflow).
///
/// Exact rationals let derivatives print the way a teacher writes them (`x/2`, not `0.5*x`);
/// typed decimals stay decimals so that "read as" echoes what the learner wrote.
public enum Number: Hashable, Sendable {
    /// `numerator / denominator`, reduced, with `denominator > 0`.
    case rational(Int64, Int64)
    case real(Double)

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
        case let .real(v): return v
        }
    }

    public var isZero: Bool { doubleValue == 0 }
    public var isOne: Bool { self == .one || self == .real(1) }
    public var isNegative: Bool { doubleValue < 0 }
    public var isExact: Bool { if case .rational = self { return true } else { return false } }

    /// The value as an integer when it is an exact integer.
    public var integerValue: Int64? {
        switch self {
        case let .rational(n, 1): return n
        case .rational: return nil
        case let .real(v):
            return v.rounded() == v && abs(v) < 9.0e15 ? Int64(v) : nil
        }
    }

    public var negated: Number {
        switch self {
        case let .rational(n, d): return n == .min ? .real(-Double(n)) : .rational(-n, d)
        case let .real(v): return .real(-v)
        }
    }

    public var absolute: Number { isNegative ? negated : self }

    public static func + (a: Number, b: Number) -> Number {
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
        if case let .rational(an, ad) = a, case let .rational(bn, bd) = b {
            let g1 = gcd(abs(an), bd), g2 = gcd(abs(bn), ad)
            let (n, o1) = (an / max(g1, 1)).multipliedReportingOverflow(by: bn / max(g2, 1))
            let (d, o2) = (ad / max(g2, 1)).multipliedReportingOverflow(by: bd / max(g1, 1))
            if !(o1 || o2) { return .fraction(n, d) }
        }
        return .real(a.doubleValue * b.doubleValue)
    }

    public static prefix func - (a: Number) -> Number { a.negated }
    public static func - (a: Number, b: Number) -> Number { a + b.negated }

    /// The reciprocal, or nil for zero.
    public var reciprocal: Number? {
        switch self {
        case let .rational(n, d): return n == 0 ? nil : .fraction(d, n)
        case let .real(v): return v == 0 ? nil : .real(1 / v)
        }
    }

    /// `self ^ exponent` when the result is exactly representable (integer exponents of
    /// rationals) or both are real; nil when folding would lose exactness (such as `2^(1/2)`).
    public func raised(to exponent: Number) -> Number? {
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
