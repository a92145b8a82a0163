extension Expression {
    /// The value as a ball at the working precision of `arithmetic`, with the variables bound
    /// to `values` (exact sample coordinates, or intervals for root isolation).
    ///
    /// Integers, rationals and written decimals enter as the exact numbers they are (a decimal
    /// is its digits times a power of ten, not the nearest `Double`).
    /// - Throws: `PreciseFailure` where the value is undefined or cannot be bounded.
    func ball(_ values: [String: Ball], _ arithmetic: inout BallArithmetic) throws(PreciseFailure) -> Ball {
        try carried(values, &arithmetic).value
    }

    /// The value, and how far below it (in bits) lies the smallest term a sum inside it added
    /// (0 for none): the term the value carries.
    ///
    /// A sum asks to see each small term (`BallArithmetic.add`), which shows the term's first-
    /// order effect. Where that effect cancels, only the term's square is left: a product of two
    /// carriers (`(1 + t)(1 - t)` is 1 − t²), a power, or a function at a flat point
    /// (`gelu` at its minimum). So a product of two carriers asks to see the product of their
    /// terms, and a power or a non-linear function of a carrier the square of its term. Like
    /// every resolution rule this only raises what is watched.
    private func carried(_ values: [String: Ball], _ arithmetic: inout BallArithmetic) throws(PreciseFailure) -> (value: Ball, term: Int) {
        switch self {
        case let .number(n):
            return (try n.ball(&arithmetic), 0)
        case let .variable(name):
            guard let value = values[name] else { throw .indeterminate }
            return (value, 0)
        case let .constant(c):
            switch c {
            case .pi: return (arithmetic.pi, 0)
            case .e: return (arithmetic.e, 0)
            }
        case let .sum(terms):
            var (total, carriedTerm) = try terms[0].carried(values, &arithmetic)
            for term in terms.dropFirst() {
                let (next, inner) = try term.carried(values, &arithmetic)
                carriedTerm = Swift.max(carriedTerm, inner, BallArithmetic.termGap(total, next) ?? 0)
                total = arithmetic.add(total, next)
            }
            return (total, carriedTerm)
        case let .product(factors):
            var (total, largest) = try factors[0].carried(values, &arithmetic)
            var second = 0
            for factor in factors.dropFirst() {
                // A zero factor makes the product zero only where every factor is defined.
                let (next, term) = try factor.carried(values, &arithmetic)
                total = arithmetic.multiply(total, next)
                if term > largest { (largest, second) = (term, largest) } else if term > second { second = term }
            }
            if second > 0 { arithmetic.watch(termBelow: largest + second) }
            return (total, largest)
        case let .power(base, .number(exponent)):
            let (b, term) = try base.carried(values, &arithmetic)
            if term > 0, !exponent.isOne, !exponent.isZero { arithmetic.watch(termBelow: 2 * term) }
            if case let .rational(p, q) = exponent { return (try arithmetic.power(b, rational: p, q), term) }
            if let (p, q) = exponent.oddDenominatorFraction { return (try arithmetic.power(b, rational: p, q), term) }
            return (try arithmetic.power(b, try exponent.ball(&arithmetic)), term)
        case let .power(base, exponent):
            let (b, baseTerm) = try base.carried(values, &arithmetic)
            let (e, exponentTerm) = try exponent.carried(values, &arithmetic)
            let term = Swift.max(baseTerm, exponentTerm)
            if term > 0 { arithmetic.watch(termBelow: Swift.max(2 * term, baseTerm + exponentTerm)) }
            return (try arithmetic.power(b, e), term)
        case let .call(function, argument):
            let (x, term) = try argument.carried(values, &arithmetic)
            if term > 0, !function.isPiecewiseLinear { arithmetic.watch(termBelow: 2 * term) }
            return (try function.ball(x, &arithmetic), term)
        }
    }

}

extension Function {
    /// Linear on each side of a breakpoint (`abs`, `relu`) or constant there (`sign`,
    /// `heaviside`): a small term in the argument has no square to show.
    var isPiecewiseLinear: Bool {
        switch self {
        case .abs, .relu, .sign, .heaviside: return true
        default: return false
        }
    }
}

extension Number {
    func ball(_ arithmetic: inout BallArithmetic) throws(PreciseFailure) -> Ball {
        switch self {
        case let .rational(n, d):
            if d == 1 { return arithmetic.integer(n) }
            return try arithmetic.divide(arithmetic.integer(n), arithmetic.integer(d))
        case let .decimal(significand, exponent):
            let digits = arithmetic.integer(significand)
            let ten = try arithmetic.power(arithmetic.integer(10), integer: Int64(exponent.magnitude))
            return exponent >= 0 ? arithmetic.multiply(digits, ten) : try arithmetic.divide(digits, ten)
        case let .real(v):
            guard v.isFinite else { throw .undefined }
            return Ball(BigFloat(v))
        }
    }
}

extension Function {
    func ball(_ x: Ball, _ a: inout BallArithmetic) throws(PreciseFailure) -> Ball {
        if isAnalyticAtZero { a.watch(power: 3, of: x) }
        switch self {
        case .sin: return try a.sinCos(x).sin
        case .cos: return try a.sinCos(x).cos
        case .tan:
            let (s, c) = try a.sinCos(x)
            return try a.divide(s, c)
        case .sec: return try a.reciprocal(a.sinCos(x).cos)
        case .csc: return try a.reciprocal(a.sinCos(x).sin)
        case .cot:
            let (s, c) = try a.sinCos(x)
            return try a.divide(c, s)
        case .asin: return try a.asin(x)
        case .acos: return try a.acos(x)
        case .atan: return try a.atan(x)
        case .sinh: return try a.sinh(x)
        case .cosh: return try a.cosh(x)
        case .tanh: return try a.tanh(x)
        case .sech: return try a.reciprocal(a.cosh(x))
        case .csch: return try a.reciprocal(a.sinh(x))
        case .coth: return try a.reciprocal(a.tanh(x))
        case .asinh:
            // sign(x)·log(|x| + √(x² + 1)).
            let m = a.abs(x)
            let value = try a.log(a.add(m, try a.sqrt(a.add(a.multiply(m, m), .one))))
            return x.mid.negative ? a.negate(value) : value
        case .acosh:
            let root = try a.sqrt(a.subtract(a.multiply(x, x), .one))
            if x.isNegative { throw .undefined }
            return try a.log(a.add(x, root))
        case .atanh:
            // log((1 + x)/(1 − x))/2.
            let ratio = try a.divide(a.add(.one, x), a.subtract(.one, x))
            return a.scale(try a.log(ratio), by: -1)
        case .exp: return try a.exp(x)
        case .log: return try a.log(x)
        case .log10: return try a.divide(a.log(x), a.log(a.integer(10)))
        case .log2: return try a.divide(a.log(x), a.log(a.integer(2)))
        case .sqrt: return try a.sqrt(x)
        case .cbrt: return try a.power(x, rational: 1, 3)
        case .abs: return a.abs(x)
        case .sign: return try a.sign(x)
        case .heaviside: return try a.heaviside(x)
        case .sigmoid: return try a.sigmoid(x)
        case .relu: return a.relu(x)
        case .softplus: return try a.softplus(x)
        case .gelu: return a.multiply(x, try a.phi(x))
        case .Phi: return try a.phi(x)
        case .erf: return try a.erf(x)
        case .swish: return a.multiply(x, try a.sigmoid(x))
        case .mish: return a.multiply(x, try a.tanh(a.softplus(x)))
        }
    }
}
