/// Products: flattening, the numeric coefficient, like powers, distribution over a sum, ordering.
extension Simplifier {
    /// The simplified product of already simplified factors.
    func product(_ factors: [Expression]) -> Expression {
        product(factors, depth: 0)
    }

    private struct PowerGroup {
        var base: Expression
        var exponent: Expression
        /// Exponents of further factors with the same base.
        var more: [Expression] = []
        /// The factor as it was, while the group holds one factor.
        var original: Expression
    }

    private func product(_ factors: [Expression], depth: Int) -> Expression {
        var coefficient = Number.one
        var groups: [PowerGroup] = []
        groups.reserveCapacity(factors.count)
        // Past a few groups, bases are found by hash rather than by a scan, so a product of
        // n distinct factors costs O(n), not O(n²) (the product rule makes n such products).
        var index: [Expression: Int] = [:]

        func group(_ factor: Expression) {
            let (base, exponent) = Self.baseAndExponent(factor)
            if groups.count < 16 {
                if let i = groups.firstIndex(where: { $0.base == base }) {
                    groups[i].more.append(exponent)
                    return
                }
                groups.append(PowerGroup(base: base, exponent: exponent, original: factor))
                if groups.count == 16 {
                    for (i, g) in groups.enumerated() { index[g.base] = i }
                }
            } else if let i = index[base] {
                groups[i].more.append(exponent)
            } else {
                index[base] = groups.count
                groups.append(PowerGroup(base: base, exponent: exponent, original: factor))
            }
        }
        func add(_ factor: Expression) {
            switch factor {
            case let .product(inner):
                for f in inner { add(f) }
            case let .number(n):
                coefficient = coefficient * n
            case let .sum(terms):
                // Content: a common rational factor of a polynomial's coefficients moves to
                // the coefficient, so that (1/2)*(4*x + 2)*f reads (2*x + 1)*f.
                if let (content, reduced) = Self.content(of: terms) {
                    coefficient = coefficient * content
                    group(.sum(reduced))
                } else {
                    group(factor)
                }
            case let .power(.sum(terms), .number(k)) where k.isExact && k.integerValue != nil:
                // The same for an integer power of a polynomial, denominators included:
                // (3*y^2 - 6*x)^-1 = (1/3)*(y^2 - 2*x)^-1.
                if let (content, reduced) = Self.content(of: terms), let scale = content.raised(to: k) {
                    coefficient = coefficient * scale
                    group(power(.sum(reduced), .number(k)))
                } else {
                    group(factor)
                }
            default:
                group(factor)
            }
        }
        for factor in factors { add(factor) }
        // A division by a literal zero makes the product undefined: keep it visibly so (`0/0`
        // stays `0/0`, `(x-x)/(x-x)` becomes `0/0`), never folded into a number.
        if let undefined = groups.first(where: { $0.original.isDivisionByZero }) {
            return .product([.number(Self.normalized(coefficient)), undefined.original])
        }
        coefficient = Self.normalized(coefficient)
        if coefficient.isZero { return .zero }

        // Like powers: x^a*x^b = x^(a+b). Merged groups may fold into numbers or new products,
        // which then go through once more.
        var result: [Expression] = []
        result.reserveCapacity(groups.count)
        var needsAnotherPass = false
        for group in groups {
            guard !group.more.isEmpty else {
                result.append(group.original)
                continue
            }
            let merged = power(group.base, sum([group.exponent] + group.more))
            switch merged {
            case let .number(n):
                coefficient = Self.normalized(coefficient * n)
            case .product:
                needsAnotherPass = true
                result.append(merged)
            default:
                if Self.baseAndExponent(merged).base != group.base { needsAnotherPass = true }
                result.append(merged)
            }
        }
        if needsAnotherPass && depth < 8 {
            return product([.number(coefficient)] + result, depth: depth + 1)
        }
        if coefficient.isZero { return .zero }

        if result.isEmpty { return .number(coefficient) }
        if result.count == 1 {
            if coefficient.isOne { return result[0] }
            // Distribution: c*(a + b) = c*a + c*b.
            if case let .sum(terms) = result[0] {
                let c = Expression.number(coefficient)
                return sum(terms.map { product([c, $0]) })
            }
            return .product([.number(coefficient), result[0]])
        }
        result.sort(by: Self.factorPrecedes)
        if coefficient.isOne { return .product(result) }
        result.insert(.number(coefficient), at: 0)
        return .product(result)
    }

    /// The rational `g` with `terms/g` having coprime integer coefficients, and those terms;
    /// `g` is negative when every term is, so that `-3*x - 3` gives `-3` and `x + 1`.
    /// Nil when `g` is 1, a coefficient is inexact, or a term is not a monomial (so that
    /// the choice between expanded and factored forms made inside the sum stays settled).
    static func content(of terms: [Expression]) -> (Number, [Expression])? {
        var numerators: Int64 = 0
        var denominators: Int64 = 1
        var allNegative = true
        for term in terms {
            let c: Number
            switch term {
            case let .number(n): c = n
            case let .product(factors): c = factors[0].numberValue ?? .one
            default: c = .one
            }
            if case .number = term {} else if Monomial(Term(term).key) == nil { return nil }
            guard case let .rational(p, q) = c, p != .min else { return nil }
            if p > 0 { allNegative = false }
            numerators = gcd(numerators, Swift.abs(p))
            let (l, overflow) = (denominators / gcd(denominators, q)).multipliedReportingOverflow(by: q)
            if overflow { return nil }
            denominators = l
        }
        let content = Number.fraction(allNegative ? -numerators : numerators, denominators)
        guard !content.isOne, !content.isZero, let inverse = content.reciprocal else { return nil }
        let reduced = terms.map { term -> Expression in
            if case let .number(n) = term { return .number(n * inverse) }
            var t = Term(term)
            t.coefficient = t.coefficient * inverse
            t.changed = true
            return t.expression
        }
        return (content, reduced)
    }

    /// A factor as `base^exponent`, with exponent 1 for a factor that is not a power.
    static func baseAndExponent(_ factor: Expression) -> (base: Expression, exponent: Expression) {
        if case let .power(base, exponent) = factor { return (base, exponent) }
        return (factor, .one)
    }
}
