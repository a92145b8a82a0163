/// Rewrites an expression into a canonical form that reads the way a teacher writes it:
/// `12*x^3 - 4*x`, not `3*(4*x^3) + -2*(2*x)`.
///
/// The rewriting is one bottom-up pass made of named rule groups:
/// - **constant folding**: exact rational arithmetic; reals that are whole numbers become
///   rationals; exact values of functions at exact points (`sin(0)`, `sqrt(4)`, `log(e)`);
///   functions and powers of inexact reals are evaluated.
/// - **flattening**: nested sums and products are merged.
/// - **like terms**: `2*x + 3*x` is `5*x` (numeric coefficients only).
/// - **like powers**: `x*x^2` is `x^3`, `x^a*x^b` is `x^(a+b)`, `(x^a)^n` is `x^(a*n)` for
///   integer `n`, `(a*b)^n` is `a^n*b^n` for integer `n`, `sqrt(u)^(2k)` and `|u|^(2k)` are `u^k`, `u^(2k)`.
/// - **identities**: `0 + a`, `1*a`, `0*a`, `a^0`, `a^1`, `1^a`, `log(exp(u))`, `exp(log(u))`.
/// - **distribution and content**: a numeric coefficient times a single sum is multiplied into
///   the sum (`-(x - 1)` is `1 - x`), so that its terms can meet like terms outside; in a longer
///   product, the common rational factor of a polynomial's coefficients moves out to the
///   coefficient (`(12*x + 2)/(2*sqrt(u))` is `(6*x + 1)/sqrt(u)`, `-3*x - 3` gives `-3*(x + 1)`).
/// - **expansion**: in a sum, products of polynomials are multiplied out when the collected
///   result has fewer nodes (`2*x*(x - 1) + x^2 + 1` is `3*x^2 - 2*x + 1`), and left alone otherwise.
/// - **ordering**: in a sum, powers of variables come first by descending total degree (the
///   constant at degree 0 among them), then the other terms in the order they first appeared
///   (which keeps the product rule's `u'*v + u*v'` order); a lone constant goes last, or first
///   when that avoids a leading minus (`1 - x^2`, `1 - sigmoid(x)`, `erf(x) + 1`). In a product:
///   the coefficient, then constants, powers of variables (by name), exponentials, function
///   calls, other powers, sums, and denominators last.
///
/// Every rewrite is an identity for real arguments wherever the input is defined; a few
/// (`x*x^-1 = 1`, `sqrt(x)^2 = x`, `0*f = 0`) may extend the domain by filling in points where the
/// input was undefined. Nothing that only holds on part of the domain is used: `sqrt(x^2)`,
/// `(x^2)^(1/2)` and `log(x^2)` are left as they are.
public struct Simplifier: Sendable {
    public init() {}

    /// The canonical form of `e`.
    public func simplify(_ e: Expression) -> Expression {
        rewrite(e) ?? e
    }

    /// The canonical form of `e`, or nil when `e` already is canonical (which saves rebuilding
    /// the parts of a derivative copied unchanged from the function).
    func rewrite(_ e: Expression) -> Expression? {
        switch e {
        case let .number(n):
            if case .decimal = n { return .number(Self.normalized(n)) }
            if case let .real(v) = n, v.rounded() == v, Swift.abs(v) < 9.0e15 { return .number(Self.normalized(n)) }
            return nil
        case .variable, .constant:
            return nil
        case let .sum(terms):
            var changed = false
            let rewritten = terms.map { term in
                guard let r = rewrite(term) else { return term }
                changed = true
                return r
            }
            let result = sum(rewritten)
            if !changed, case let .sum(items) = result, items == terms { return nil }
            return result
        case let .product(factors):
            var changed = false
            let rewritten = factors.map { factor in
                guard let r = rewrite(factor) else { return factor }
                changed = true
                return r
            }
            let result = product(rewritten)
            if !changed, case let .product(items) = result, items == factors { return nil }
            return result
        case let .power(base, exponent):
            let (b, x) = (rewrite(base), rewrite(exponent))
            if let r = rewritePower(b ?? base, x ?? exponent) { return r }
            if b == nil && x == nil { return nil }
            return .power(b ?? base, x ?? exponent)
        case let .call(function, argument):
            let a = rewrite(argument)
            if let r = rewriteCall(function, a ?? argument) { return r }
            return a.map { .call(function, $0) }
        }
    }

    /// A number with reals that are exact integers turned into exact rationals.
    /// Written decimals become `Double`s here: the simplifier computes in floating point (it is
    /// for display and derivatives; the equivalence checker never sees its output).
    static func normalized(_ n: Number) -> Number {
        if case .decimal = n {
            if let k = n.integerValue { return .rational(k, 1) }
            return normalized(.real(n.doubleValue))
        }
        if case let .real(v) = n, v.rounded() == v, Swift.abs(v) < 9.0e15 {
            return .rational(Int64(v), 1)
        }
        return n
    }
}

extension Expression {
    /// The canonical simplified form; see `Simplifier`.
    public var simplified: Expression { Simplifier().simplify(self) }
}
