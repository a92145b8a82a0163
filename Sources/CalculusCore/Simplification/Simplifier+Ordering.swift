/// The canonical order of the factors of a product, and a total order on expressions to break ties.
extension Simplifier {
    /// Whether factor `a` is written before factor `b`: constants, then powers of variables by
    /// name, then exponentials such as `e^x`, then function calls, then other powers, then sums and their numeric powers; factors
    /// that print as denominators come after all the others, in the same order.
    static func factorPrecedes(_ a: Expression, _ b: Expression) -> Bool {
        let (ra, rb) = (a.isReciprocal, b.isReciprocal)
        if ra != rb { return rb }
        let (baseA, exponentA) = baseAndExponent(a)
        let (baseB, exponentB) = baseAndExponent(b)
        let (ca, cb) = (factorClass(baseA, exponentA), factorClass(baseB, exponentB))
        if ca != cb { return ca < cb }
        let order = compare(baseA, baseB)
        if order != 0 { return order < 0 }
        return compare(exponentA, exponentB) < 0
    }

    private static func factorClass(_ base: Expression, _ exponent: Expression) -> Int {
        switch base {
        case .number: return 0
        case .constant: return exponent.numberValue != nil ? 0 : 2
        case .variable: return 1
        case .call: return 3
        case .sum: return exponent.numberValue == nil ? 4 : 5
        default: return 4
        }
    }

    /// A total order on expressions: negative when `a` comes first, zero when equal.
    static func compare(_ a: Expression, _ b: Expression) -> Int {
        let (ka, kb) = (kind(a), kind(b))
        if ka != kb { return ka < kb ? -1 : 1 }
        switch (a, b) {
        case let (.number(x), .number(y)):
            if x.doubleValue != y.doubleValue { return x.doubleValue < y.doubleValue ? -1 : 1 }
            if x.isExact != y.isExact { return x.isExact ? -1 : 1 }
            return 0
        case let (.constant(x), .constant(y)):
            return x == y ? 0 : (x == .e ? -1 : 1)
        case let (.variable(x), .variable(y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.call(f, u), .call(g, v)):
            let (rf, rg) = (rank(f), rank(g))
            if rf != rg { return rf < rg ? -1 : 1 }
            return compare(u, v)
        case let (.power(b1, e1), .power(b2, e2)):
            let order = compare(b1, b2)
            return order != 0 ? order : compare(e1, e2)
        case let (.sum(xs), .sum(ys)), let (.product(xs), .product(ys)):
            for (x, y) in zip(xs, ys) {
                let order = compare(x, y)
                if order != 0 { return order }
            }
            return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
        default:
            return 0
        }
    }

    private static func kind(_ e: Expression) -> Int {
        switch e {
        case .number: return 0
        case .constant: return 1
        case .variable: return 2
        case .call: return 3
        case .power: return 4
        case .product: return 5
        case .sum: return 6
        }
    }

    /// The order of functions within a product: `exp(x)*sin(x)`, `sec(x)*tan(x)`, `csc(x)*cot(x)`.
    private static let functionRank: [Function: Int] = {
        let leading: [Function] = [.exp, .sec, .csc, .sin, .cos, .tan, .cot]
        var table: [Function: Int] = [:]
        for (i, f) in leading.enumerated() { table[f] = i }
        for f in Function.allCases where table[f] == nil { table[f] = table.count }
        return table
    }()

    private static func rank(_ f: Function) -> Int { functionRank[f]! }
}
