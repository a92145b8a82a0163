import CalculusCore

/// A differentiator that applies exactly one rule the way a learner commonly gets it wrong, and
/// every other rule correctly: its output is the derivative a learner making that one mistake
/// would write.
///
/// The mistaken rule is applied at every place ("site") where the rule is used, or, with `site`,
/// only at the site with that index (sites are numbered in the order the tree is walked), since
/// a learner often slips once but not everywhere. `dependents` gives the derivative of names that
/// depend on the variable (for implicit differentiation: `y` ↦ `y′`).
struct FaultyDifferentiator {
    /// The mistaken rules, each with the tag it is reported under.
    enum Rule: CaseIterable, Hashable, Sendable {
        /// (fg)′ = f′g′.
        case productAsProduct
        /// (f/g)′ = (fg′ − f′g)/g².
        case quotientNumeratorSwapped
        /// (f/g)′ = (f′g − fg′)/g.
        case quotientDenominatorNotSquared
        /// f(u)′ = f′(u), without u′ (in calls, powers and exponentials).
        case chainMissingInner
        /// (aᵘ)′ = u·aᵘ⁻¹·u′, also for eᵘ.
        case exponentialAsPower
        /// ln(u)′ = 1/u, without u′.
        case logMissingInner
        /// cos(u)′ = sin(u)·u′.
        case cosSign
        /// (uⁿ)′ = n·uⁿ·u′: the exponent not lowered.
        case powerNotLowered
        /// (uⁿ)′ = n·uⁿ⁻²·u′: the exponent lowered by two.
        case powerLoweredTwice
        /// The power rule's n, a leading numeric coefficient or √'s ½ left out.
        case droppedConstantFactor

        var tag: MistakeTag {
            switch self {
            case .productAsProduct: return .productRuleAsProduct
            case .quotientNumeratorSwapped: return .quotientNumeratorSwapped
            case .quotientDenominatorNotSquared: return .quotientDenominatorNotSquared
            case .chainMissingInner: return .chainMissingInner
            case .exponentialAsPower: return .exponentialAsPower
            case .logMissingInner: return .logMissingInner
            case .cosSign: return .cosSign
            case .powerNotLowered, .powerLoweredTwice: return .powerOffByOne
            case .droppedConstantFactor: return .droppedConstantFactor
            }
        }

        var isQuotientRule: Bool { self == .quotientNumeratorSwapped || self == .quotientDenominatorNotSquared }
    }

    let variable: String
    let rule: Rule?
    /// The one site to apply the rule at, or nil for every site.
    let site: Int?
    let dependents: [String: Expression]
    /// How many sites the rule could be applied at, counted while differentiating.
    private(set) var sites = 0

    init(variable: String, rule: Rule?, site: Int? = nil, dependents: [String: Expression] = [:]) {
        self.variable = variable
        self.rule = rule
        self.site = site
        self.dependents = dependents
    }

    /// Counts a site of the rule and says whether to apply the mistake there.
    private mutating func fault() -> Bool {
        defer { sites += 1 }
        return site == nil || site == sites
    }

    private func depends(_ e: Expression) -> Bool {
        if e.contains(variable: variable) { return true }
        return dependents.keys.contains { e.contains(variable: $0) }
    }

    mutating func derivative(_ e: Expression) -> Expression {
        switch e {
        case .number, .constant:
            return .zero
        case let .variable(name):
            return name == variable ? .one : (dependents[name] ?? .zero)
        case let .sum(terms):
            return .sum(of: terms.map { derivative($0) })
        case let .product(factors):
            return productDerivative(factors)
        case let .power(base, exponent):
            return powerDerivative(base, exponent)
        case let .call(function, argument):
            return callDerivative(function, argument)
        }
    }

    /// A factor with a negative numeric exponent and a varying base: a denominator.
    private func denominator(_ factor: Expression) -> Expression? {
        if case let .power(base, .number(n)) = factor, n.isNegative, depends(base) {
            return .power(base, to: .number(n.negated))
        }
        return nil
    }

    private mutating func quotient(numerator: Expression, denominator: Expression) -> Expression {
        let faulty = rule?.isQuotientRule == true && fault()
        let n = numerator
        let d = denominator
        let nPrime = derivative(n)
        let dPrime = derivative(d)
        if faulty && rule == .quotientNumeratorSwapped {
            return (n * dPrime - nPrime * d) / .power(d, to: .integer(2))
        }
        if faulty {
            return (nPrime * d - n * dPrime) / d
        }
        return (nPrime * d - n * dPrime) / .power(d, to: .integer(2))
    }

    private mutating func productDerivative(_ factors: [Expression]) -> Expression {
        guard factors.contains(where: depends) else { return .zero }
        let denominators = factors.compactMap(denominator)
        let numerators = factors.filter { denominator($0) == nil }
        if rule == .droppedConstantFactor, case let .number(c) = factors[0], !(c.absolute == .one), fault() {
            return derivative(.product(of: Array(factors.dropFirst())))
        }
        let varying = numerators.filter(depends)
        if rule == .productAsProduct, varying.count >= 2, fault() {
            let constants = numerators.filter { !depends($0) }
            var primes: [Expression] = []
            for factor in varying { primes.append(derivative(factor)) }
            let nPrime = Expression.product(of: constants + primes)
            guard !denominators.isEmpty else { return nPrime }
            let n = Expression.product(of: numerators)
            let d = Expression.product(of: denominators)
            return (nPrime * d - n * derivative(d)) / .power(d, to: .integer(2))
        }
        if rule?.isQuotientRule == true, !denominators.isEmpty {
            return quotient(numerator: .product(of: numerators), denominator: .product(of: denominators))
        }
        var terms: [Expression] = []
        for index in factors.indices where depends(factors[index]) {
            var term = factors
            term[index] = derivative(factors[index])
            terms.append(.product(of: term))
        }
        return .sum(of: terms)
    }

    private mutating func powerDerivative(_ base: Expression, _ exponent: Expression) -> Expression {
        let baseVaries = depends(base)
        let exponentVaries = depends(exponent)
        if !baseVaries && !exponentVaries { return .zero }
        if !exponentVaries {
            if rule?.isQuotientRule == true, let d = denominator(.power(base, exponent)) {
                return quotient(numerator: .one, denominator: d)
            }
            var coefficient = exponent
            var reduced = exponent - .one
            var inner = derivative(base)
            let isNumber = exponent.numberValue != nil
            switch rule {
            case .powerNotLowered? where isNumber && fault(): reduced = exponent
            case .powerLoweredTwice? where isNumber && fault(): reduced = exponent - .integer(2)
            case .droppedConstantFactor? where isNumber && fault(): coefficient = .one
            case .chainMissingInner? where !inner.isOne && fault(): inner = .one
            default: break
            }
            return .product(of: [coefficient, .power(base, to: reduced), inner])
        }
        let power = Expression.power(base, exponent)
        if !baseVaries {
            var inner = derivative(exponent)
            switch rule {
            case .exponentialAsPower? where fault():
                return .product(of: [exponent, .power(base, to: exponent - .one), inner])
            case .chainMissingInner? where !inner.isOne && fault():
                inner = .one
            default: break
            }
            if case .constant(.e) = base { return power * inner }
            return .product(of: [power, .call(.log, base), inner])
        }
        let inner = derivative(exponent) * .call(.log, base) + exponent * derivative(base) / base
        return power * inner
    }

    private mutating func callDerivative(_ function: Function, _ u: Expression) -> Expression {
        let inner = derivative(u)
        if inner.isZero { return .zero }
        let outer = Self.outerDerivative(function, u)
        switch rule {
        case .chainMissingInner? where !inner.isOne && fault():
            return outer
        case .logMissingInner? where [.log, .log10, .log2].contains(function) && !inner.isOne && fault():
            return outer
        case .cosSign? where function == .cos && fault():
            return .call(.sin, u) * inner
        case .exponentialAsPower? where function == .exp && fault():
            return .product(of: [u, .call(.exp, u - .one), inner])
        case .powerNotLowered? where (function == .sqrt || function == .cbrt) && fault():
            let k = Expression.fraction(1, function == .sqrt ? 2 : 3)
            return .product(of: [k, .power(u, to: k), inner])
        case .powerLoweredTwice? where (function == .sqrt || function == .cbrt) && fault():
            let k = Expression.fraction(1, function == .sqrt ? 2 : 3)
            return .product(of: [k, .power(u, to: k - .integer(2)), inner])
        case .droppedConstantFactor? where (function == .sqrt || function == .cbrt) && fault():
            let root = Expression.call(function, u)
            return inner / (function == .sqrt ? root : .power(root, to: .integer(2)))
        default:
            return outer * inner
        }
    }

    /// f′(u), taken from the calculus core's own table.
    static func outerDerivative(_ function: Function, _ u: Expression) -> Expression {
        let placeholder = "\u{1}u"
        return Expression.call(function, .variable(placeholder))
            .derivative(withRespectTo: placeholder)
            .substituting([placeholder: u])
    }
}
