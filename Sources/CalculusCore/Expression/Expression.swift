/// A real-valued expression tree.
///
/// Sums and products are n-ary; subtraction is a sum with a negated term, division a product
/// with a power of -1. Build trees through the static constructors (`sum`, `product`, `power`)
/// and the operators: they flatten, fold numbers and drop identities, so two ways of writing
/// the same thing cheaply land on the same tree. Heavier rewriting belongs to `Simplifier`.
public enum Expression: Hashable, Sendable {
    case number(Number)
    case variable(String)
    case constant(Constant)
    /// Two or more terms.
    case sum([Expression])
    /// Two or more factors; a numeric coefficient, if any, comes first.
    case product([Expression])
    indirect case power(Expression, Expression)
    indirect case call(Function, Expression)

    public static let zero = Expression.number(.zero)
    public static let one = Expression.number(.one)
    public static let minusOne = Expression.number(.minusOne)

    public static func integer(_ value: Int) -> Expression { .number(Number(value)) }
    public static func real(_ value: Double) -> Expression { .number(.real(value)) }
    public static func fraction(_ n: Int64, _ d: Int64) -> Expression { .number(.fraction(n, d)) }

    public var numberValue: Number? {
        if case let .number(n) = self { return n }
        return nil
    }

    public var isZero: Bool { numberValue?.isZero == true }

    /// Whether this is `0^k` with a negative `k`: undefined everywhere.
    public var isDivisionByZero: Bool {
        if case let .power(.number(b), .number(e)) = self { return b.isZero && e.isNegative }
        return false
    }

    /// Whether this is a power with a negative numeric exponent, printed as a denominator.
    public var isReciprocal: Bool {
        if case let .power(_, .number(e)) = self { return e.isNegative }
        return false
    }
    public var isOne: Bool { numberValue?.isOne == true }

    /// `e`, `pi` or a positive number.
    var isPositiveConstant: Bool {
        if case .constant = self { return true }
        if let n = numberValue { return n.doubleValue > 0 }
        return false
    }
}

// MARK: - Cheap canonicalisation

extension Expression {
    /// A sum of `terms`: nested sums are flattened, numbers folded into one constant (standing
    /// where the first number stood, so `1 - x` keeps its order), and zero dropped. A number
    /// whose exact sum with the constant does not fit (`1 + 1e-20`) stays a term of its own:
    /// folding it in `Double` would change the function.
    public static func sum(of terms: consuming [Expression]) -> Expression {
        // Already canonical (no nested sum, at most one number, which is its own fold and not
        // zero): the array is kept, not copied.
        if terms.count >= 2, isCanonicalSum(terms) { return .sum(terms) }
        var flat: [Expression] = []
        // Room for the constant too, so inserting it never regrows the array.
        flat.reserveCapacity(terms.count + 1)
        var constant = Number.zero
        var constantIndex: Int?
        // The one number node met while `constant` is exactly its number (reused, not rebuilt).
        var constantNode: Expression?
        func add(_ term: Expression) {
            switch term {
            case let .sum(inner): for t in inner { add(t) }
            case let .number(n):
                if constantIndex == nil, n.isOwnSum {
                    constant = n
                    constantNode = term
                } else if let folded = Number.foldedSum(constant, n) {
                    constant = folded
                    constantNode = nil
                } else {
                    flat.append(term)
                }
                if constantIndex == nil { constantIndex = flat.count }
            default: flat.append(term)
            }
        }
        for term in terms { add(term) }
        if let index = constantIndex, !constant.isZero {
            flat.insert(constantNode ?? .number(constant), at: index)
        }
        switch flat.count {
        case 0: return constantIndex != nil ? (constantNode ?? .number(constant)) : .zero
        case 1: return flat[0]
        default: return .sum(flat)
        }
    }

    /// Whether `sum(of:)` would return `terms` unchanged: none is a sum, and at most one is a
    /// number, non-zero, which `0 + n` gives back as it is.
    private static func isCanonicalSum(_ terms: [Expression]) -> Bool {
        var sawNumber = false
        for term in terms {
            switch term {
            case .sum: return false
            case let .number(n):
                if sawNumber || !n.isOwnSum || n.isZero { return false }
                sawNumber = true
            default: break
            }
        }
        return true
    }

    /// A product of `factors`: nested products are flattened, numbers folded into one leading
    /// coefficient, and one dropped. A zero coefficient makes the product zero. A number whose
    /// exact product with the coefficient does not fit stays a factor of its own, after it.
    public static func product(of factors: consuming [Expression]) -> Expression {
        // Already canonical (no nested product, at most a leading coefficient, denominators
        // last): the array is kept, not copied.
        if factors.count >= 2, isCanonicalProduct(factors) { return .product(factors) }
        // The numbers first, in order: the coefficient, and how many factors remain.
        var coefficient = Number.one
        var multiplied = false
        // The one number node met while `coefficient` is exactly its number (reused, not rebuilt).
        var coefficientNode: Expression?
        var others = 0
        var reordered = false
        var sawReciprocal = false
        // Numbers the coefficient cannot absorb exactly, as written.
        var unfolded: [Expression] = []
        func scan(_ factors: [Expression]) {
            for factor in factors {
                switch factor {
                case let .product(inner): scan(inner)
                case let .number(n):
                    if !multiplied, n.isOwnProduct {
                        coefficient = n
                        coefficientNode = factor
                    } else if let folded = Number.foldedProduct(coefficient, n) {
                        coefficient = folded
                        coefficientNode = nil
                    } else {
                        unfolded.append(factor)
                    }
                    multiplied = true
                default:
                    others += 1
                    if factor.isReciprocal { sawReciprocal = true } else if sawReciprocal { reordered = true }
                }
            }
        }
        scan(factors)
        // A zero coefficient makes the product zero only where every other factor is defined:
        // `0*x` is 0, but `0*log(x)` and `0/0` keep their (smaller) domain.
        if coefficient.isZero {
            let flat = flattenedFactors(factors, count: others)
            if flat.allSatisfy(\.isDefinedEverywhere) { return .number(coefficient.isExact ? .zero : coefficient) }
            return .product([coefficientNode ?? .number(coefficient)] + flat)
        }
        let leads = !(coefficient == .one)
        if others == 0, unfolded.isEmpty { return coefficientNode ?? .number(coefficient) }
        if others == 1, !leads, unfolded.isEmpty {
            return flattenedFactors(factors, count: 1)[0]
        }
        if others == 0, !leads, unfolded.count == 1 { return unfolded[0] }
        var flat: [Expression] = []
        flat.reserveCapacity(others + unfolded.count + (leads ? 1 : 0))
        if leads { flat.append(coefficientNode ?? .number(coefficient)) }
        flat += unfolded
        // Denominators (negative numeric powers) go last, so `a/b*c` and `a*c/b` meet.
        if reordered {
            appendFactors(factors, to: &flat, reciprocals: false)
            appendFactors(factors, to: &flat, reciprocals: true)
        } else {
            appendFactors(factors, to: &flat, reciprocals: nil)
        }
        return .product(flat)
    }

    /// The factors of `factors` that are not numbers, nested products flattened, in order.
    private static func flattenedFactors(_ factors: [Expression], count: Int) -> [Expression] {
        var flat: [Expression] = []
        flat.reserveCapacity(count)
        appendFactors(factors, to: &flat, reciprocals: nil)
        return flat
    }

    /// Appends the non-number factors of `factors` (nested products flattened) to `flat`:
    /// all of them, or only the reciprocals, or only the others.
    private static func appendFactors(_ factors: [Expression], to flat: inout [Expression], reciprocals: Bool?) {
        for factor in factors {
            switch factor {
            case let .product(inner): appendFactors(inner, to: &flat, reciprocals: reciprocals)
            case .number: break
            default:
                if let reciprocals, factor.isReciprocal != reciprocals { continue }
                flat.append(factor)
            }
        }
    }

    /// Whether `product(of:)` would return `factors` unchanged: none is a product, only the
    /// first may be a number (one that `1 · n` gives back as it is, neither 0 nor 1), and the
    /// denominators already come last.
    private static func isCanonicalProduct(_ factors: [Expression]) -> Bool {
        var sawReciprocal = false
        for (index, factor) in factors.enumerated() {
            switch factor {
            case .product: return false
            case let .number(n):
                guard index == 0, n.isOwnProduct, !n.isZero, !(n == .one) else { return false }
            default:
                if factor.isReciprocal { sawReciprocal = true } else if sawReciprocal { return false }
            }
        }
        return true
    }

    /// `base ^ exponent`, with `x^1 = x`, exact numeric powers folded, and only the rewrites
    /// that keep the domain: `f^0 = 1` where `f` is defined everywhere, `(u^a)^n = u^(a*n)` for
    /// integer `n` when `u^a` is defined for every real `u` (odd-denominator `a`) and not both
    /// exponents are negative, and `(a*b)^-1 = a^-1 * b^-1`. So `(x^(1/2))^2` stays as written:
    /// it is undefined for x < 0, unlike `x`.
    public static func power(_ base: consuming Expression, to exponent: consuming Expression) -> Expression {
        if let e = exponent.numberValue {
            if e.isOne { return base }
            if e.isZero && e.isExact && base.isDefinedEverywhere { return .one }
            if let b = base.numberValue, let folded = b.raised(to: e) { return .number(folded) }
            if e.integerValue != nil && e.isExact {
                if case let .power(innerBase, .number(inner)) = base, inner.hasOddDenominator,
                   !(inner.isNegative && e.isNegative) {
                    return .power(innerBase, to: .number(inner * e))
                }
                // (u^a)^-1 = u^-a for a > 0: both are undefined exactly where u^a is undefined or 0.
                if e == .minusOne, case let .power(innerBase, .number(inner)) = base, !inner.isNegative {
                    return .power(innerBase, to: .number(inner.negated))
                }
                // (a^v)^n = a^(n*v) for a positive constant base a, such as e.
                if case let .power(innerBase, innerExponent) = base, innerBase.isPositiveConstant {
                    return .power(innerBase, to: .product(of: [innerExponent, exponent]))
                }
                if e == .minusOne, case let .product(factors) = base {
                    return .product(of: factors.map { .power($0, to: .minusOne) })
                }
            }
        }
        return .power(base, exponent)
    }

    public static func + (a: Expression, b: Expression) -> Expression { .sum(of: [a, b]) }
    public static func - (a: Expression, b: Expression) -> Expression { .sum(of: [a, -b]) }
    public static func * (a: Expression, b: Expression) -> Expression { .product(of: [a, b]) }
    public static func / (a: Expression, b: Expression) -> Expression {
        .product(of: [a, .power(b, to: .minusOne)])
    }
    public static prefix func - (a: consuming Expression) -> Expression { .product(of: [.minusOne, a]) }
}

// MARK: - Queries

extension Number {
    /// Whether `Number.one * self` is `self` exactly, as written (a reduced rational, or a
    /// normalised decimal): the product's fold may then start from it without a multiplication.
    var isOwnProduct: Bool {
        switch self {
        case let .rational(n, d): return isReducedRational(n, d)
        case let .decimal(s, _): return s % 10 != 0
        case .real: return false
        }
    }

    /// Whether `Number.zero + self` is `self` exactly, as written (a reduced rational or a decimal).
    var isOwnSum: Bool {
        switch self {
        case let .rational(n, d): return isReducedRational(n, d)
        case .decimal: return true
        case .real: return false
        }
    }

    /// Whether `Number.fraction(n, d)` is `.rational(n, d)`.
    private func isReducedRational(_ n: Int64, _ d: Int64) -> Bool {
        if d == 1 { return n != .min }
        return d > 0 && n != .min && gcd(abs(n), d) == 1
    }
}

extension Number {
    /// Whether this is an integer or a fraction with an odd denominator (so `u^self` is a real
    /// number for every real `u`, zero aside).
    var hasOddDenominator: Bool {
        switch self {
        case let .rational(_, q): return q % 2 == 1
        case .decimal:
            guard let exact = decimalAsRational, case let .rational(_, q) = exact else { return false }
            return q % 2 == 1
        case .real: return false
        }
    }
}

extension Expression {
    /// Whether the expression is a real number for every real value of its variables, so that
    /// multiplying it by 0 or raising it to the power 0 may be folded without changing a domain.
    public var isDefinedEverywhere: Bool {
        switch self {
        case let .number(n): return n.doubleValue.isFinite
        case .variable, .constant: return true
        case let .sum(items), let .product(items): return items.allSatisfy(\.isDefinedEverywhere)
        case let .power(base, .number(e)):
            guard !e.isNegative, e.hasOddDenominator else { return false }
            return base.isDefinedEverywhere
        case let .power(base, exponent):
            // a^u with a positive constant base.
            if case .constant(.e) = base { return exponent.isDefinedEverywhere }
            if let b = base.numberValue, b.doubleValue > 0 { return exponent.isDefinedEverywhere }
            return false
        case let .call(function, argument):
            switch function {
            case .sin, .cos, .atan, .sinh, .cosh, .tanh, .sech, .asinh, .exp, .cbrt, .abs, .sign,
                 .heaviside, .sigmoid, .relu, .softplus, .gelu, .Phi, .erf, .swish, .mish:
                return argument.isDefinedEverywhere
            default:
                return false
            }
        }
    }

    /// The names of the variables that occur in the expression.
    public var variables: Set<String> {
        var names = Set<String>()
        collectVariables(into: &names)
        return names
    }

    private func collectVariables(into names: inout Set<String>) {
        switch self {
        case .number, .constant: return
        case let .variable(name): names.insert(name)
        case let .sum(items), let .product(items): for item in items { item.collectVariables(into: &names) }
        case let .power(b, e): b.collectVariables(into: &names); e.collectVariables(into: &names)
        case let .call(_, argument): argument.collectVariables(into: &names)
        }
    }

    /// Whether the expression mentions `name`.
    public func contains(variable name: String) -> Bool {
        switch self {
        case .number, .constant: return false
        case let .variable(v): return v == name
        case let .sum(items), let .product(items): return items.contains { $0.contains(variable: name) }
        case let .power(b, e): return b.contains(variable: name) || e.contains(variable: name)
        case let .call(_, argument): return argument.contains(variable: name)
        }
    }

    /// The number of nodes in the tree.
    public var nodeCount: Int {
        switch self {
        case .number, .constant, .variable: return 1
        case let .sum(items), let .product(items):
            var count = 1
            for item in items { count += item.nodeCount }
            return count
        case let .power(b, e): return 1 + b.nodeCount + e.nodeCount
        case let .call(_, argument): return 1 + argument.nodeCount
        }
    }

    /// Replaces every occurrence of a variable by an expression.
    public func substituting(_ replacements: [String: Expression]) -> Expression {
        switch self {
        case .number, .constant: return self
        case let .variable(name): return replacements[name] ?? self
        case let .sum(items): return .sum(of: items.map { $0.substituting(replacements) })
        case let .product(items): return .product(of: items.map { $0.substituting(replacements) })
        case let .power(b, e): return .power(b.substituting(replacements), to: e.substituting(replacements))
        case let .call(f, argument): return .call(f, argument.substituting(replacements))
        }
    }
}
