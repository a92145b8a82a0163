/// The written shape an answer must have, beyond being the right function: "simplify",
/// "expand", "factor", "take the limit" ask for a form, and an answer that merely equals the key
/// (the question copied back, the limit not taken) has not done the task.
///
/// Checked on the tree the parser built, after equivalence; pure and cheap (one walk).
public enum ExpressionForm: String, Codable, Hashable, Sendable, CaseIterable {
    /// No removable factor left: the denominator is no larger (in total polynomial degree) than
    /// the key's, and no denominator's zero is removable (`hasRemovableFactor`), so
    /// `((x+h)^2 - x^2)/h` is not a simplified `2x + h`, nor `(x^2-1)/(x-1)` a simplified
    /// `x + 1`; and a key can be checked against its own form.
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
            return Self.denominatorDegree(answer) <= Self.denominatorDegree(key) && !Self.hasRemovableFactor(answer)
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

    /// Whether `expression` divides by a factor it does not need: at a zero of a denominator
    /// the expression stays finite (`((x+h)^2 - x^2)/h` at h = 0, `(x^2 - 1)/(x - 1)` at x = 1),
    /// so numerator and denominator share that factor and it cancels.
    ///
    /// Method: each denominator (a base with a negative exponent, outside function arguments)
    /// is followed along each of its variables, the others held at 0.7, over [−10, 10]; at every
    /// sign change (refined by bisection) the expression is evaluated 1e-3 and 1e-6 away on
    /// both sides. A pole grows by about 1000× between the two; a removable zero does not.
    /// Values undefined on one side (`1/sqrt(x)` at 0) are a boundary, not removable.
    public static func hasRemovableFactor(_ expression: Expression) -> Bool {
        var seen: Set<Expression> = []
        for base in denominators(expression) where !base.variables.isEmpty && seen.insert(base).inserted {
            for variable in base.variables.sorted() {
                let point = Dictionary(uniqueKeysWithValues: expression.variables.union(base.variables).map { ($0, 0.7) })
                guard let denominator = try? UnivariateSlice(base, variable: variable, point: point),
                      let whole = try? UnivariateSlice(expression, variable: variable, point: point) else { continue }
                for root in signChanges(denominator.callAsFunction, in: -10...10) {
                    let near = [1e-3, -1e-3].map { whole(root + $0) }
                    let nearer = [1e-6, -1e-6].map { whole(root + $0) }
                    guard (near + nearer).allSatisfy(\.isFinite) else { continue }
                    let scale = Swift.max(1, near.map(Swift.abs).max() ?? 1)
                    if nearer.allSatisfy({ Swift.abs($0) <= 10 * scale }) { return true }
                }
            }
        }
        return false
    }

    /// The bases `expression` divides by: reciprocal factors of its products and sums.
    static func denominators(_ expression: Expression) -> [Expression] {
        switch expression {
        case let .sum(terms): return terms.flatMap(denominators)
        case let .product(factors): return factors.flatMap(denominators)
        case let .power(base, .number(exponent)) where exponent.isNegative:
            if case let .product(factors) = base { return factors + factors.flatMap(denominators) }
            return [base] + denominators(base)
        case let .power(base, _): return denominators(base)
        default: return []
        }
    }

    /// The points in `range` where `f` changes sign, each refined by bisection to full precision.
    static func signChanges(_ f: (Double) -> Double, in range: ClosedRange<Double>) -> [Double] {
        let steps = 2000
        var roots: [Double] = []
        var previous = (x: range.lowerBound, y: f(range.lowerBound))
        for index in 1...steps {
            let x = range.lowerBound + (range.upperBound - range.lowerBound) * Double(index) / Double(steps)
            let y = f(x)
            if y == 0 {
                roots.append(x)
            } else if previous.y.isFinite, y.isFinite, previous.y != 0, (previous.y < 0) != (y < 0) {
                var (low, high, lowValue) = (previous.x, x, previous.y)
                for _ in 0..<80 {
                    let middle = (low + high) / 2
                    let value = f(middle)
                    if value == 0 { (low, high) = (middle, middle); break }
                    if (value < 0) == (lowValue < 0) { (low, lowValue) = (middle, value) } else { high = middle }
                }
                roots.append((low + high) / 2)
            }
            previous = (x, y)
        }
        return roots
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
