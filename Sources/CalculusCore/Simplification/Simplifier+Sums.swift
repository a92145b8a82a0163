/// Sums: flattening, like terms, expansion of polynomial products, ordering.
extension Simplifier {
    /// What identifies like terms: the factors after the numeric coefficient.
    enum Key: Hashable {
        case single(Expression)
        case factors(ArraySlice<Expression>)

        /// The factors one at a time.
        func forEach(_ body: (Expression) -> Void) {
            switch self {
            case let .single(e): body(e)
            case let .factors(items): for e in items { body(e) }
            }
        }
    }

    /// A term as a numeric coefficient times a key.
    struct Term {
        var coefficient: Number
        let key: Key
        /// The term as given, returned unchanged while the coefficient is.
        let original: Expression
        var changed = false

        init(_ term: Expression) {
            original = term
            if case let .product(items) = term {
                if case let .number(c) = items[0] {
                    coefficient = c
                    key = items.count == 2 ? .single(items[1]) : .factors(items[1...])
                } else {
                    coefficient = .one
                    key = .factors(items[...])
                }
            } else {
                coefficient = .one
                key = .single(term)
            }
        }

        var expression: Expression {
            if !changed { return original }
            switch key {
            case let .single(e):
                return coefficient.isOne ? e : .product([.number(coefficient), e])
            case let .factors(items):
                return coefficient.isOne ? .product(Array(items)) : .product([.number(coefficient)] + items)
            }
        }
    }

    /// The simplified sum of already simplified terms.
    func sum(_ terms: [Expression]) -> Expression {
        sum(terms, expanding: true)
    }

    private func sum(_ terms: [Expression], expanding: Bool) -> Expression {
        var constant = Number.zero
        var collected: [Term] = []
        collected.reserveCapacity(terms.count)
        var index: [Key: Int] = [:]

        func add(_ term: Expression) {
            switch term {
            case let .sum(inner):
                for t in inner { add(t) }
            case let .number(n):
                constant = constant + n
            default:
                let t = Term(term)
                if collected.count < 16 {
                    if let i = collected.firstIndex(where: { $0.key == t.key }) {
                        collected[i].coefficient = collected[i].coefficient + t.coefficient
                        collected[i].changed = true
                        return
                    }
                    collected.append(t)
                    if collected.count == 16 {
                        for (i, c) in collected.enumerated() { index[c.key] = i }
                    }
                } else if let i = index[t.key] {
                    collected[i].coefficient = collected[i].coefficient + t.coefficient
                    collected[i].changed = true
                } else {
                    index[t.key] = collected.count
                    collected.append(t)
                }
            }
        }
        for term in terms { add(term) }
        constant = Self.normalized(constant)

        var polynomial: [(term: Expression, monomial: Monomial)] = []
        var others: [Expression] = []
        var expandable = false
        for var t in collected {
            if t.changed {
                t.coefficient = Self.normalized(t.coefficient)
                if t.coefficient.isZero { continue }
            }
            let expression = t.expression
            if let monomial = Monomial(t.key) {
                polynomial.append((expression, monomial))
            } else {
                if expanding && !expandable { expandable = Self.isExpandable(t.key) }
                others.append(expression)
            }
        }

        if polynomial.count > 1 {
            polynomial.sort { $0.monomial.precedes($1.monomial) }
        }
        let result = Self.ordered(polynomial, constant: constant, others: others)
        let simplified: Expression
        switch result.count {
        case 0: simplified = .number(constant)
        case 1: simplified = result[0]
        default: simplified = .sum(result)
        }
        if expandable, let expanded = expandedIfSmaller(result, than: simplified) {
            return expanded
        }
        return simplified
    }

    // MARK: Ordering

    /// Monomials by descending degree with the constant among them at degree 0, then the other
    /// terms in their order. Without monomials, the constant goes last, unless it is positive
    /// and putting it first avoids a leading minus (`1 - sigmoid(x)`); likewise in a sum of one
    /// negative monomial and a constant (`1 - x^2`).
    private static func ordered(
        _ monomials: [(term: Expression, monomial: Monomial)], constant: Number, others: [Expression]
    ) -> [Expression] {
        var result: [Expression] = []
        result.reserveCapacity(monomials.count + others.count + 1)
        let c = Expression.number(constant)
        let hasConstant = !constant.isZero
        if monomials.isEmpty || (monomials.count == 1 && others.isEmpty) {
            let rest = monomials.isEmpty ? others : [monomials[0].term]
            if hasConstant && !constant.isNegative, let first = rest.first,
               Printer.negatedIfNegative(first) != nil {
                result.append(c)
                result += rest
            } else {
                result += rest
                if hasConstant { result.append(c) }
            }
            return result
        }
        var placed = !hasConstant
        for m in monomials {
            if !placed && m.monomial.degree < 0 {
                result.append(c)
                placed = true
            }
            result.append(m.term)
        }
        if !placed { result.append(c) }
        result += others
        return result
    }

    // MARK: Expansion

    /// Whether the factors are polynomial, with at least one sum (or a small power of one) to multiply out.
    private static func isExpandable(_ key: Key) -> Bool {
        let factors: ArraySlice<Expression>
        switch key {
        case let .single(e): factors = [e]
        case let .factors(items): factors = items
        }
        var sawSum = false
        for f in factors {
            switch f {
            case let .sum(terms):
                guard terms.allSatisfy(isPolynomialTerm) else { return false }
                sawSum = true
            case let .power(.sum(terms), .number(.rational(k, 1))) where k >= 2 && k <= 4:
                guard terms.allSatisfy(isPolynomialTerm) else { return false }
                sawSum = true
            default:
                guard isPolynomialTerm(f) else { return false }
            }
        }
        return sawSum
    }

    private static func isPolynomialTerm(_ e: Expression) -> Bool {
        switch e {
        case .number, .variable: return true
        case let .power(.variable, .number(.rational(k, 1))): return k > 0
        case let .product(factors): return factors.allSatisfy(isPolynomialTerm)
        default: return false
        }
    }

    /// The sum with its polynomial products multiplied out, when that collects to fewer nodes.
    private func expandedIfSmaller(_ terms: [Expression], than current: Expression) -> Expression? {
        var expandedTerms: [Expression] = []
        for term in terms {
            let t = Term(term)
            guard Self.isExpandable(t.key) else {
                expandedTerms.append(term)
                continue
            }
            var monomials: [Expression] = [.number(t.coefficient)]
            let factors: [Expression]
            switch t.key {
            case let .single(e): factors = [e]
            case let .factors(items): factors = Array(items)
            }
            for factor in factors {
                var multiplier: [Expression]
                var repeats = 1
                switch factor {
                case let .sum(items):
                    multiplier = items
                case let .power(.sum(items), .number(.rational(k, 1))):
                    multiplier = items
                    repeats = Int(k)
                default:
                    multiplier = [factor]
                }
                for _ in 0..<repeats {
                    var next: [Expression] = []
                    next.reserveCapacity(monomials.count * multiplier.count)
                    for m in monomials {
                        for f in multiplier { next.append(product([m, f])) }
                    }
                    monomials = next
                    if monomials.count > 256 { return nil }
                }
            }
            expandedTerms += monomials
        }
        let expanded = sum(expandedTerms, expanding: false)
        return expanded.nodeCount < current.nodeCount ? expanded : nil
    }
}

/// The total degree of a term that is a product of powers of variables with numeric exponents,
/// for ordering terms by degree.
struct Monomial {
    let key: Simplifier.Key
    let degree: Double

    /// Nil when the key's factors are not all powers of variables with numeric exponents.
    init?(_ key: Simplifier.Key) {
        var degree = 0.0
        var isMonomial = true
        key.forEach { f in
            guard isMonomial else { return }
            switch f {
            case .variable: degree += 1
            case let .power(.variable, .number(k)): degree += k.doubleValue
            default: isMonomial = false
            }
        }
        guard isMonomial else { return nil }
        self.key = key
        self.degree = degree
    }

    private static func power(_ f: Expression) -> (name: String, exponent: Double) {
        switch f {
        case let .variable(name): return (name, 1)
        case let .power(.variable(name), .number(k)): return (name, k.doubleValue)
        default: return ("", 0)
        }
    }

    private var powers: [(name: String, exponent: Double)] {
        var result: [(name: String, exponent: Double)] = []
        key.forEach { result.append(Self.power($0)) }
        return result
    }

    /// Higher total degree first; equal degrees in lexicographic order of the variables.
    func precedes(_ other: Monomial) -> Bool {
        if degree != other.degree { return degree > other.degree }
        let (mine, theirs) = (powers, other.powers)
        for (a, b) in zip(mine, theirs) {
            if a.name != b.name { return a.name < b.name }
            if a.exponent != b.exponent { return a.exponent > b.exponent }
        }
        return mine.count > theirs.count
    }
}
