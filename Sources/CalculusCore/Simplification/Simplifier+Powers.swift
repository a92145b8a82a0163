import Foundation

/// Powers and function calls: constant folding, identities and like powers.
extension Simplifier {
    /// The simplified `base ^ exponent` of already simplified parts.
    func power(_ base: Expression, _ exponent: Expression) -> Expression {
        rewritePower(base, exponent) ?? .power(base, exponent)
    }

    /// The simplified `base ^ exponent`, or nil when that is `base ^ exponent` itself.
    func rewritePower(_ base: Expression, _ exponent: Expression) -> Expression? {
        if case let .number(e) = exponent {
            if e.isZero { return .one }
            if e.isOne { return base }
            let integer = e.isExact ? e.integerValue : nil
            switch base {
            case let .number(b):
                if let folded = Self.numericPower(b, e) { return .number(folded) }
            case let .power(innerBase, innerExponent):
                // (u^a)^n = u^(a*n) for integer n wherever u^a is defined; any n for a positive base.
                if integer != nil || Self.isPositiveConstant(innerBase) {
                    return power(innerBase, product([innerExponent, exponent]))
                }
            case let .product(factors) where integer != nil:
                return product(factors.map { power($0, exponent) })
            case let .call(.sqrt, u):
                if let k = integer, k % 2 == 0 { return power(u, .number(.rational(k / 2, 1))) }
            case let .call(.abs, u):
                if let k = integer, k % 2 == 0 { return power(u, exponent) }
            default:
                break
            }
            return nil
        }
        if case let .number(b) = base, b.isOne { return .one }
        if case let .power(innerBase, innerExponent) = base, Self.isPositiveConstant(innerBase) {
            return power(innerBase, product([innerExponent, exponent]))
        }
        return nil
    }

    /// `b^e` folded when that loses no exactness: integer powers and exact roots of rationals,
    /// any power involving an inexact real (when finite).
    static func numericPower(_ b: Number, _ e: Number) -> Number? {
        if b.isExact && e.isExact {
            if e.integerValue != nil { return b.raised(to: e).map(normalized) }
            return exactRoot(b, e)
        }
        return b.raised(to: e).map(normalized)
    }

    /// A positive number or constant: a base for which `(a^u)^v = a^(u*v)` always holds.
    static func isPositiveConstant(_ e: Expression) -> Bool {
        switch e {
        case .constant: return true
        case let .number(n): return n > .zero
        default: return false
        }
    }

    /// `b^(p/q)` when `b` is a rational whose numerator and denominator are exact q-th powers
    /// (`4^(1/2) = 2`, `(-8)^(2/3) = 4`, with the real root of a negative base for odd `q`).
    static func exactRoot(_ b: Number, _ e: Number) -> Number? {
        guard case let .rational(bn, bd) = b, case let .rational(p, q) = e, q > 1, q <= 64 else { return nil }
        if bn < 0 && q % 2 == 0 { return nil }
        guard let rn = integerRoot(bn.magnitude, q), let rd = integerRoot(bd.magnitude, q) else { return nil }
        let root = Number.fraction(bn < 0 ? -Int64(rn) : Int64(rn), Int64(rd))
        return root.raised(to: .rational(p, 1))
    }

    private static func integerRoot(_ n: UInt64, _ q: Int64) -> UInt64? {
        if n <= 1 { return n }
        let guess = Foundation.pow(Double(n), 1 / Double(q)).rounded()
        guard guess.isFinite, guess >= 1, guess < 4.0e9 else { return nil }
        let r = UInt64(guess)
        for candidate in [r &- 1, r, r &+ 1] where candidate >= 1 {
            var value: UInt64 = 1
            var overflow = false
            for _ in 0..<q {
                let (next, o) = value.multipliedReportingOverflow(by: candidate)
                if o { overflow = true; break }
                value = next
            }
            if !overflow && value == n { return candidate }
        }
        return nil
    }

    /// The simplified `function(argument)` of an already simplified argument.
    func call(_ function: Function, _ argument: Expression) -> Expression {
        rewriteCall(function, argument) ?? .call(function, argument)
    }

    /// The simplified `function(argument)`, or nil when that is the call itself.
    func rewriteCall(_ function: Function, _ argument: Expression) -> Expression? {
        switch argument {
        case let .number(n):
            if let exact = Self.exactValue(function, at: n) { return .number(exact) }
            if case let .real(v) = n {
                let value = Double.apply(function, v)
                if value.isFinite { return .number(Self.normalized(.real(value))) }
            }
        case let .constant(c):
            switch (function, c) {
            case (.log, .e): return .one
            case (.abs, _): return argument
            case (.sign, _), (.heaviside, _): return .one
            case (.relu, _): return argument
            default: break
            }
        case let .call(.exp, u) where function == .log:
            return u
        case let .call(.log, u) where function == .exp:
            return u
        case .call(.abs, _) where function == .abs:
            return argument
        default:
            break
        }
        return nil
    }

    /// Exact values at exact points, such as `sin(0) = 0` and `sqrt(9/4) = 3/2`.
    private static func exactValue(_ function: Function, at n: Number) -> Number? {
        guard n.isExact else { return nil }
        switch function {
        case .abs: return n.absolute
        case .sign: return n.isZero ? .zero : (n.isNegative ? .minusOne : .one)
        case .heaviside: return n > .zero ? .one : .zero
        case .relu: return n > .zero ? n : .zero
        case .sqrt: return exactRoot(n, .fraction(1, 2))
        case .cbrt: return exactRoot(n, .fraction(1, 3))
        default: break
        }
        if n.isZero {
            switch function {
            case .sin, .tan, .asin, .atan, .sinh, .tanh, .erf, .gelu, .swish, .mish: return .zero
            case .cos, .sec, .cosh, .exp: return .one
            case .sigmoid, .Phi: return .fraction(1, 2)
            default: return nil
            }
        }
        if n.isOne {
            switch function {
            case .log, .log10, .log2, .acos: return .zero
            default: return nil
            }
        }
        return nil
    }
}
