/// The written shape an answer must have, beyond being the right function: "simplify",
/// "expand", "factor", "take the limit" ask for a form, and an answer that merely equals the key
/// (the question copied back, the limit not taken) has not done the task.
///
/// Checked on the tree the parser built, after equivalence; pure and cheap (one walk).
public enum ExpressionForm: String, Codable, Hashable, Sendable, CaseIterable {
    /// No removable factor left: the denominator is no larger (in total polynomial degree) than
    /// the key's, so `((x+h)^2 - x^2)/h` is not a simplified `2x + h`, nor `(x^2-1)/(x-1)` a
    /// simplified `x + 1`.
    case simplified
    /// A sum of terms with no product or power of a sum left (outside function arguments).
    case expanded
    /// A product (or power) of factors, not a sum.
    case factored
    /// Free of the limit variable (`h` in a difference quotient): the limit has been taken.
    case noLimitVariable = "no-limit-variable"

    /// Whether `answer` has this form; `key` is the reference for `simplified`, and
    /// `limitVariable` the variable `noLimitVariable` forbids.
    public func isSatisfied(by answer: Expression, key: Expression, limitVariable: String? = nil) -> Bool {
        switch self {
        case .simplified:
            return Self.denominatorDegree(answer) <= Self.denominatorDegree(key)
        case .expanded:
            return Self.isExpanded(answer)
        case .factored:
            if case .sum = answer { return false }
            return true
        case .noLimitVariable:
            guard let limitVariable else { return true }
            return !answer.variables.contains(limitVariable)
        }
    }

    /// Total degree of the polynomial `expression` (a non-polynomial factor that depends on a
    /// variable counts as degree 1).
    static func degree(_ expression: Expression) -> Int {
        switch expression {
        case .number, .constant: return 0
        case .variable: return 1
        case let .sum(terms): return terms.map(degree).max() ?? 0
        case let .product(factors): return factors.map(degree).reduce(0, +)
        case let .power(base, .number(exponent)):
            let value = exponent.doubleValue
            if value >= 0, value == value.rounded(), value <= 64 { return Int(value) * degree(base) }
            return expression.variables.isEmpty ? 0 : 1
        case .power, .call: return expression.variables.isEmpty ? 0 : 1
        }
    }

    /// The degree of what the written expression divides by: reciprocal factors of products,
    /// and the denominators inside sums (each term's, added up: a common denominator of them
    /// has at most that degree). Function arguments are not inspected.
    static func denominatorDegree(_ expression: Expression) -> Int {
        switch expression {
        case .number, .constant, .variable, .call: return 0
        case let .sum(terms): return terms.map(denominatorDegree).reduce(0, +)
        case let .product(factors): return factors.map(denominatorDegree).reduce(0, +)
        case let .power(base, .number(exponent)) where exponent.isNegative:
            let value = -exponent.doubleValue
            let times = value == value.rounded() && value <= 64 ? Int(value) : 1
            return times * degree(base) + denominatorDegree(base)
        case let .power(base, _): return denominatorDegree(base)
        }
    }

    static func isExpanded(_ expression: Expression) -> Bool {
        func hasSum(_ e: Expression) -> Bool {
            switch e {
            case let .sum(terms): return terms.contains { !$0.variables.isEmpty }
            case let .product(factors): return factors.contains(where: hasSum)
            case let .power(base, _): return hasSum(base)
            default: return false
            }
        }
        func termExpanded(_ term: Expression) -> Bool {
            switch term {
            case let .product(factors):
                // A reciprocal factor (a denominator) may stay; a sum multiplied out may not.
                return !factors.contains { factor in
                    if case let .power(_, exponent) = factor, exponent.numberValue?.isNegative == true { return false }
                    return hasSum(factor)
                }
            case let .power(base, exponent):
                if exponent.numberValue?.isNegative == true { return true }
                return !hasSum(base)
            default: return true
            }
        }
        if case let .sum(terms) = expression { return terms.allSatisfy(termExpanded) }
        return termExpanded(expression)
    }
}
