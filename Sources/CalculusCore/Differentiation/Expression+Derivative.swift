/// Symbolic differentiation.
///
/// The rules, with `u` the argument and `u'` its derivative (every result is multiplied by `u'`
/// by the chain rule):
///
/// | f(u) | f'(u) |
/// |---|---|
/// | `u^n` (n free of the variable) | `n*u^(n-1)` |
/// | `a^u` (a free of the variable) | `a^u*log(a)`; `e^u` gives `e^u` |
/// | `u^v` (both depend on it) | `u^v*(v'*log(u) + v*u'/u)` |
/// | sin, cos, tan | cos, `-sin`, `sec^2` |
/// | sec, csc, cot | `sec*tan`, `-csc*cot`, `-csc^2` |
/// | asin, acos, atan | `1/sqrt(1 - u^2)`, `-1/sqrt(1 - u^2)`, `1/(1 + u^2)` |
/// | sinh, cosh, tanh | cosh, sinh, `1 - tanh^2` |
/// | exp, log, log10, log2 | exp, `1/u`, `1/(u*log(10))`, `1/(u*log(2))` |
/// | sqrt, cbrt | `1/(2*sqrt(u))`, `1/(3*cbrt(u)^2)` |
/// | abs | `sign(u)` (the derivative away from 0; at 0 the value 0 is a subgradient) |
/// | sign, heaviside | 0 (the derivative away from 0, where the jump is) |
/// | relu | `heaviside(u)`, so the subgradient 0 is used at 0 |
/// | sigmoid | `sigmoid(u)*(1 - sigmoid(u))` |
/// | softplus | `sigmoid(u)` |
/// | Phi, erf | `exp(-u^2/2)/sqrt(2*pi)`, `2*exp(-u^2)/sqrt(pi)` |
/// | gelu = u*Phi(u) | `Phi(u) + u*exp(-u^2/2)/sqrt(2*pi)` |
/// | swish = u*sigmoid(u) | `sigmoid(u) + u*sigmoid(u)*(1 - sigmoid(u))` |
/// | mish = u*tanh(softplus(u)) | `tanh(softplus(u)) + u*(1 - tanh(softplus(u))^2)*sigmoid(u)` |
///
/// Sums and products use the sum and (n-ary) product rules. Any other variable is a constant,
/// so the same function gives partial derivatives.
extension Expression {
    /// The exact derivative with respect to `variable`, built with the cheap constructors only.
    ///
    /// Call `simplified` (or use `simplifiedDerivative(withRespectTo:)`) for a readable form.
    public func derivative(withRespectTo variable: String) -> Expression {
        switch self {
        case .number, .constant:
            return .zero
        case let .variable(name):
            return name == variable ? .one : .zero
        case let .sum(terms):
            var derivatives: [Expression] = []
            derivatives.reserveCapacity(terms.count)
            for term in terms {
                let d = term.derivative(withRespectTo: variable)
                if !d.isZero { derivatives.append(d) }
            }
            return .sum(of: derivatives)
        case let .product(factors):
            return Self.productDerivative(factors, variable)
        case let .power(base, exponent):
            return Self.powerDerivative(base, exponent, variable)
        case let .call(function, argument):
            let inner = argument.derivative(withRespectTo: variable)
            if inner.isZero { return .zero }
            let outer = Self.outerDerivative(function, argument)
            if inner.isOne { return outer }
            return .product(of: [inner, outer])
        }
    }

    /// The `order`-th derivative, simplified after every step so that the trees stay small.
    /// An order of 0 (or less) gives the simplified expression itself.
    public func derivative(withRespectTo variable: String, order: Int) -> Expression {
        let simplifier = Simplifier()
        var result = simplifier.simplify(self)
        var step = 0
        while step < order {
            result = simplifier.simplify(result.derivative(withRespectTo: variable))
            if result.isZero { break }
            step += 1
        }
        return result
    }

    /// The derivative, simplified to the canonical form a teacher would write.
    public func simplifiedDerivative(withRespectTo variable: String) -> Expression {
        Simplifier().simplify(derivative(withRespectTo: variable))
    }

    // MARK: - Rules

    /// The n-ary product rule: the sum over factors of that factor's derivative times the others.
    private static func productDerivative(_ factors: [Expression], _ variable: String) -> Expression {
        var terms: [Expression] = []
        for index in factors.indices {
            let d = factors[index].derivative(withRespectTo: variable)
            if d.isZero { continue }
            var term = factors
            term[index] = d
            terms.append(.product(of: term))
        }
        return .sum(of: terms)
    }

    private static func powerDerivative(_ base: Expression, _ exponent: Expression, _ variable: String) -> Expression {
        let baseDerivative = base.derivative(withRespectTo: variable)
        let exponentDerivative = exponent.derivative(withRespectTo: variable)
        if exponentDerivative.isZero {
            // Power rule: n*u^(n-1)*u'.
            if baseDerivative.isZero { return .zero }
            let reduced: Expression
            if let n = exponent.numberValue {
                reduced = .number(n - .one)
            } else {
                reduced = .sum(of: [exponent, .minusOne])
            }
            return .product(of: [exponent, .power(base, to: reduced), baseDerivative])
        }
        let power = Expression.power(base, exponent)
        if baseDerivative.isZero {
            // Exponential: a^v*log(a)*v', with log(e) = 1.
            if case .constant(.e) = base {
                return .product(of: [power, exponentDerivative])
            }
            return .product(of: [power, .call(.log, base), exponentDerivative])
        }
        // General: u^v*(v'*log(u) + v*u'/u).
        let inner = Expression.sum(of: [
            .product(of: [exponentDerivative, .call(.log, base)]),
            .product(of: [exponent, baseDerivative, .power(base, to: .minusOne)]),
        ])
        return .product(of: [power, inner])
    }

    /// `f'(u)`, to be multiplied by `u'`.
    private static func outerDerivative(_ function: Function, _ u: Expression) -> Expression {
        let two = Expression.integer(2)
        switch function {
        case .sin:
            return .call(.cos, u)
        case .cos:
            return -.call(.sin, u)
        case .tan:
            return .power(.call(.sec, u), to: two)
        case .sec:
            return .product(of: [.call(.sec, u), .call(.tan, u)])
        case .csc:
            return .product(of: [.minusOne, .call(.csc, u), .call(.cot, u)])
        case .cot:
            return -.power(.call(.csc, u), to: two)
        case .asin:
            return .power(.call(.sqrt, .one - .power(u, to: two)), to: .minusOne)
        case .acos:
            return -.power(.call(.sqrt, .one - .power(u, to: two)), to: .minusOne)
        case .atan:
            return .power(.one + .power(u, to: two), to: .minusOne)
        case .sinh:
            return .call(.cosh, u)
        case .cosh:
            return .call(.sinh, u)
        case .tanh:
            return .one - .power(.call(.tanh, u), to: two)
        case .sech:
            return .product(of: [.minusOne, .call(.sech, u), .call(.tanh, u)])
        case .csch:
            return .product(of: [.minusOne, .call(.csch, u), .call(.coth, u)])
        case .coth:
            return -.power(.call(.csch, u), to: two)
        case .asinh:
            return .power(.call(.sqrt, .power(u, to: two) + .one), to: .minusOne)
        case .acosh:
            return .power(.product(of: [.call(.sqrt, u - .one), .call(.sqrt, u + .one)]), to: .minusOne)
        case .atanh:
            return .power(.one - .power(u, to: two), to: .minusOne)
        case .exp:
            return .call(.exp, u)
        case .log:
            return .power(u, to: .minusOne)
        case .log10:
            return .power(.product(of: [u, .call(.log, .integer(10))]), to: .minusOne)
        case .log2:
            return .power(.product(of: [u, .call(.log, two)]), to: .minusOne)
        case .sqrt:
            return .product(of: [.fraction(1, 2), .power(.call(.sqrt, u), to: .minusOne)])
        case .cbrt:
            return .product(of: [.fraction(1, 3), .power(.call(.cbrt, u), to: .integer(-2))])
        case .abs:
            return .call(.sign, u)
        case .sign, .heaviside:
            return .zero
        case .relu:
            return .call(.heaviside, u)
        case .sigmoid:
            return sigmoidDerivative(u)
        case .softplus:
            return .call(.sigmoid, u)
        case .Phi:
            return normalDensity(u)
        case .erf:
            // 2/sqrt(pi)*exp(-u^2)
            return .product(of: [
                two,
                .call(.exp, -.power(u, to: two)),
                .power(.call(.sqrt, .constant(.pi)), to: .minusOne),
            ])
        case .gelu:
            return .sum(of: [.call(.Phi, u), .product(of: [u, normalDensity(u)])])
        case .swish:
            return .sum(of: [.call(.sigmoid, u), .product(of: [u, sigmoidDerivative(u)])])
        case .mish:
            let t = Expression.call(.tanh, .call(.softplus, u))
            return .sum(of: [
                t,
                .product(of: [u, .one - .power(t, to: two), .call(.sigmoid, u)]),
            ])
        }
    }

    /// `sigmoid(u)*(1 - sigmoid(u))`.
    private static func sigmoidDerivative(_ u: Expression) -> Expression {
        let s = Expression.call(.sigmoid, u)
        return .product(of: [s, .one - s])
    }

    /// The standard normal density `exp(-u^2/2)/sqrt(2*pi)`.
    private static func normalDensity(_ u: Expression) -> Expression {
        .product(of: [
            .call(.exp, .product(of: [.fraction(-1, 2), .power(u, to: .integer(2))])),
            .power(.call(.sqrt, .product(of: [.integer(2), .constant(.pi)])), to: .minusOne),
        ])
    }
}
